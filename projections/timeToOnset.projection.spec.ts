// Reference values computed by hand with Python's datetime (days, months = days / 30.4375 to 10 places,
// completed years by birthdays), independently of src/shared/dates.ts.
import { GivenLog } from './cohort.specification';
import { patientsProjection } from './patients.projection';
import { timeToOnsetProjection } from './timeToOnset.projection';

function sscPatient() {
  const log = new GivenLog();
  log.enrol('P1', { birthDate: '1950-06-15' });
  log.diagnose('P1', 'systemic_sclerosis', '2000-05-01', { subtype: 'limited_cutaneous', confirmedBy: ['biopsy'] });
  log.diagnose('P1', 'calcinosis_cutis', '2000-01-10', { subtype: 'dystrophic', confirmedBy: ['ct'] });
  const early = log.lesion('P1', 'L1', '1999-12-01', { site: 'hands_feet', ulcerated: true });
  log.lesion('P1', 'L2', '2001-03-03', { site: 'extremity', painful: false });
  return { log, early };
}

describe('time-to-onset dataset', () => {
  it('given a calcinosis onset before the ACTD diagnosis, then the raw time is negative and the analysed time is 0', () => {
    const { log } = sscPatient();
    expect(log.text(timeToOnsetProjection)).toEqual([
      {
        patient_id: 'P1',
        actd_condition: 'systemic_sclerosis',
        actd_subtype: 'limited_cutaneous',
        actd_diagnosed_on: '2000-05-01',
        calcinosis_onset: '1999-12-01',
        age_at_onset_years: '49',
        time_to_onset_days_raw: '-152',
        time_to_onset_months_raw: '-4.9938398357',
        time_to_onset_months: '0.0000000000',
      },
    ]);
  });

  it('given the earliest lesion retracted, then the onset is the earliest lesion that stands', () => {
    const { log, early } = sscPatient();
    log.retract('P1', early);
    expect(log.text(timeToOnsetProjection)[0]).toMatchObject({
      calcinosis_onset: '2001-03-03',
      age_at_onset_years: '50',
      time_to_onset_days_raw: '306',
      time_to_onset_months_raw: '10.0533880903',
      time_to_onset_months: '10.0533880903',
    });
    expect(log.text(patientsProjection)[0]).toMatchObject({ sites: 'extremity', n_locations: '1', ulcerated: '0' });
  });

  it('given an onset after the ACTD diagnosis, then raw and analysed times agree', () => {
    const log = new GivenLog();
    log.enrol('P2', { birthDate: '1980-01-01' });
    log.diagnose('P2', 'dermatomyositis', '1995-03-01', { subtype: 'juvenile' });
    log.diagnose('P2', 'calcinosis_cutis', '2000-02-01');
    log.lesion('P2', 'L1', '1999-12-01');
    expect(log.text(timeToOnsetProjection)[0]).toMatchObject({ age_at_onset_years: '19', time_to_onset_days_raw: '1736', time_to_onset_months: '57.0349075975' });
  });

  it('given an ACTD diagnosed after the cut-off, then as of the cut-off the patient has no ACTD and no time to onset', () => {
    const { log } = sscPatient();
    expect(log.text(timeToOnsetProjection, { asOf: '2000-04-30' })[0]).toMatchObject({
      actd_condition: '',
      actd_diagnosed_on: '',
      calcinosis_onset: '1999-12-01',
      time_to_onset_days_raw: '',
      time_to_onset_months: '',
    });
  });
});

describe('patients dataset', () => {
  it('given lesions at four sites, then sites are listed in code order and the location group is 3 (three or more)', () => {
    const { log } = sscPatient();
    log.lesion('P1', 'L3', '2001-04-01', { site: 'trunk', painful: true });
    log.lesion('P1', 'L4', '2001-04-02', { site: 'head' });
    expect(log.text(patientsProjection)[0]).toMatchObject({
      sex: 'female',
      birth_year: '1950',
      actd_group: 'systemic_sclerosis_limited_cutaneous',
      age_at_onset_years: '49',
      sites: 'extremity;hands_feet;head;trunk',
      n_locations: '4',
      location_group: '3',
      ulcerated: '1',
      painful: '1',
    });
  });

  it('given a biopsy of the ACTD and a CT of the calcinosis, then the calcinosis counts as confirmed by imaging, not by biopsy', () => {
    const { log } = sscPatient();
    expect(log.text(patientsProjection)[0]).toMatchObject({ biopsy: '0', imaging: '1', painful: '0', location_group: '2' });
  });

  it('given a lesion dated after the cut-off, then it is not counted as of the cut-off', () => {
    const { log } = sscPatient();
    expect(log.text(patientsProjection, { asOf: '2000-12-31' })[0]).toMatchObject({ sites: 'hands_feet', n_locations: '1', location_group: '1' });
  });

  it('given an overlap CTD, then its components are listed', () => {
    const log = new GivenLog();
    log.enrol('P3');
    log.diagnose('P3', 'overlap_ctd', '1990-01-01', { components: ['systemic_sclerosis', 'dermatomyositis'] });
    log.diagnose('P3', 'calcinosis_cutis', '2000-01-01');
    expect(log.text(patientsProjection)[0]).toMatchObject({ actd_group: 'overlap_ctd', actd_components: 'dermatomyositis;systemic_sclerosis', sites: '', location_group: '' });
  });
});
