// Reference values: day counts and months (days / 30.4375, 10 places) computed by hand with Python's
// datetime, independently of src/shared/dates.ts.
import { GivenLog } from './cohort.specification';
import { followUpProjection } from './followUp.projection';
import { survivalProjection } from './survival.projection';

describe('survival dataset', () => {
  function patientWhoDied() {
    const log = new GivenLog().at('2003-03-01T09:00:00.000Z');
    log.enrol('P1', { sex: 'male', birthDate: '1950-06-15' });
    log.diagnose('P1', 'calcinosis_cutis', '2000-01-10');
    log.contact('P1', '2000-03-01');
    log.contact('P1', '2001-01-10');
    const death = log.death('P1', '2003-02-01');
    return { log, death };
  }

  it('given a death, then time runs from the calcinosis diagnosis to the death, status 1', () => {
    const { log } = patientWhoDied();
    expect(log.text(survivalProjection)).toEqual([
      { patient_id: 'P1', entry_date: '2000-01-10', sex: 'male', age_days: '18106', time_days: '1118', time_months: '36.7310061602', status: '1' },
    ]);
  });

  it('given a death corrected to a later date, then the corrected date counts, but not at a knownAt before the correction', () => {
    const { log, death } = patientWhoDied();
    log.at('2004-01-05T10:00:00.000Z').correct('P1', death, { diedOn: '2003-08-01' });
    expect(log.text(survivalProjection)[0]).toMatchObject({ time_days: '1299', time_months: '42.6776180698', status: '1' });
    expect(log.text(survivalProjection, { knownAt: '2004-01-05T09:59:59.999Z' })[0]).toMatchObject({ time_days: '1118', status: '1' });
    expect(log.text(survivalProjection, { knownAt: '2004-01-05T11:00:00+01:00' })[0]).toMatchObject({ time_days: '1299' });
  });

  it('given a death after the cut-off, then it is no event: censored at the cut-off, since the record shows the patient alive after it', () => {
    const { log } = patientWhoDied();
    expect(log.text(survivalProjection, { asOf: '2002-06-30' })[0]).toMatchObject({ time_days: '902', time_months: '29.6344969199', status: '0' });
  });

  it('given a contact after the cut-off, then censored at the cut-off rather than at the last contact before it', () => {
    const { log } = patientWhoDied();
    expect(log.text(survivalProjection, { asOf: '2000-12-31' })[0]).toMatchObject({ time_days: '356', time_months: '11.6960985626', status: '0' });
  });

  it('given no sign of life after the cut-off, then censored at the last contact on or before it', () => {
    const log = new GivenLog();
    log.enrol('P2');
    log.diagnose('P2', 'calcinosis_cutis', '2001-05-05');
    log.contact('P2', '2001-06-01');
    expect(log.text(survivalProjection, { asOf: '2002-06-30' })[0]).toMatchObject({ time_days: '27', time_months: '0.8870636550', status: '0' });
    log.contact('P2', '2003-01-01');
    expect(log.text(survivalProjection, { asOf: '2002-06-30' })[0]).toMatchObject({ time_days: '421', time_months: '13.8316221766' });
    expect(log.text(survivalProjection)[0]).toMatchObject({ age_days: '18587', time_days: '606', time_months: '19.9096509240', status: '0' });
  });

  it('given a calcinosis diagnosed after the cut-off, then the patient is not in the dataset as of it', () => {
    const log = new GivenLog();
    log.enrol('P4');
    log.diagnose('P4', 'calcinosis_cutis', '2002-07-01');
    log.contact('P4', '2004-01-01');
    expect(log.rows(survivalProjection, { asOf: '2002-06-30' })).toEqual([]);
    expect(log.text(survivalProjection)[0]).toMatchObject({ time_days: '549', time_months: '18.0369609856' });
  });

  it('given no contact after the diagnosis (one on the diagnosis day does not count), then no follow-up: left out of survival, blank in follow-up', () => {
    const log = new GivenLog();
    log.enrol('P5');
    log.diagnose('P5', 'calcinosis_cutis', '2002-01-01');
    log.contact('P5', '2001-12-01');
    log.contact('P5', '2002-01-01');
    expect(log.rows(survivalProjection)).toEqual([]);
    expect(log.rows(survivalProjection, { asOf: '2003-01-01' })).toEqual([]);
    expect(log.text(followUpProjection)).toEqual([
      { patient_id: 'P5', calcinosis_diagnosed_on: '2002-01-01', followup_end: '', followup_days: '', followup_months: '', died: '', ended_by: '' },
    ]);
  });

  it('given a denied research authorization, then the patient is in no analysis dataset; at a knownAt before the denial, they are', () => {
    const log = new GivenLog().at('2001-01-01T00:00:00.000Z');
    log.enrol('P6', { researchAuthorization: 'denied' });
    log.diagnose('P6', 'calcinosis_cutis', '2000-01-10');
    log.contact('P6', '2000-06-01');
    log.enrol('P7');
    log.diagnose('P7', 'calcinosis_cutis', '2000-01-10');
    log.contact('P7', '2000-06-01');
    log.at('2005-01-01T00:00:00.000Z').authorize('P7', 'denied');
    expect(log.rows(survivalProjection)).toEqual([]);
    expect(log.rows(followUpProjection)).toEqual([]);
    expect(log.rows(survivalProjection, { knownAt: '2004-12-31T23:59:59Z' }).map((r) => r.patient_id)).toEqual(['P7']);
  });

  it('given patients recorded in any order, then rows come in patient_id order by code units', () => {
    const log = new GivenLog();
    for (const id of ['b-2', 'B-10', 'a-1']) {
      log.enrol(id);
      log.diagnose(id, 'calcinosis_cutis', '2000-01-10');
      log.contact(id, '2000-02-10');
    }
    expect(log.rows(survivalProjection).map((r) => r.patient_id)).toEqual(['B-10', 'a-1', 'b-2']);
  });
});
