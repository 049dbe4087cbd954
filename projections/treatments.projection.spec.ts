// Reference values: day counts and months worked out by hand with Python's datetime; summaries by the
// rules in shared/cohorts/mayo-2012/expected.json "conventions".
import { GivenLog } from './cohort.specification';
import { survivalCountingProjection } from './survivalCounting.projection';
import { treatmentsProjection } from './treatments.projection';
import { treatmentSummaryProjection } from './treatmentSummary.projection';

function treatedPatient(enrolment: { treatmentHistory?: 'documented' | 'unknown' } = {}) {
  const log = new GivenLog();
  log.enrol('P1', enrolment);
  log.diagnose('P1', 'calcinosis_cutis', '2000-01-10');
  log.start('P1', 'T3', 'prednisone', '1999-01-01', { indication: 'actd' });
  log.start('P1', 'T1', 'diltiazem', '2000-06-01');
  log.grade('P1', 'T1', '2000-08-01', 'complete');
  log.stop('P1', 'T1', '2000-09-01');
  log.grade('P1', 'T1', '2000-12-01', 'partial');
  log.start('P1', 'T2', 'excision', '2001-02-01', { category: 'surgical' });
  log.stop('P1', 'T2', '2001-02-01');
  log.grade('P1', 'T2', '2001-05-01', 'complete');
  log.start('P1', 'T4', 'diltiazem', '2001-05-01');
  log.contact('P1', '2002-01-10');
  log.stop('P1', 'T4', '2003-07-01');
  return log;
}

describe('treatments dataset', () => {
  it('given a course graded twice, then its response is the latest grade even when an earlier one was better', () => {
    const rows = treatedPatient().text(treatmentsProjection);
    expect(rows.map((r) => r.treatment_id)).toEqual(['T1', 'T2', 'T3', 'T4']);
    expect(rows[0]).toMatchObject({
      indication: 'calcinosis',
      agent: 'diltiazem',
      started_on: '2000-06-01',
      stopped_on: '2000-09-01',
      ongoing: '0',
      duration_days: '92',
      duration_months: '3.0225872690',
      latest_grade: 'partial',
      latest_assessed_on: '2000-12-01',
      n_grades: '2',
    });
    expect(rows[2]).toMatchObject({ indication: 'actd', ongoing: '1', stopped_on: '', duration_days: '', latest_grade: '', n_grades: '0' });
  });

  it('given a stop and a grade dated after the cut-off, then as of the cut-off the course is ongoing with the grade before it', () => {
    const rows = treatedPatient().text(treatmentsProjection, { asOf: '2000-08-15' });
    expect(rows.map((r) => r.treatment_id)).toEqual(['T1', 'T3']);
    expect(rows[0]).toMatchObject({ stopped_on: '', ongoing: '1', latest_grade: 'complete', n_grades: '1' });
  });
});

describe('treatment-summary dataset', () => {
  it('given medical and surgical courses, then the category is both and each agent has its best response', () => {
    expect(treatedPatient().text(treatmentSummaryProjection)).toEqual([
      {
        patient_id: 'P1',
        treatment_history: 'documented',
        treatment_category: 'medical_and_surgical',
        best_response: 'complete',
        n_calcinosis_treatments: '2',
        n_calcinosis_courses: '3',
        n_actd_treatments: '1',
        calcinosis_agents: 'diltiazem=partial;excision=complete',
      },
    ]);
  });

  it('given a course not yet graded at the cut-off, then it counts as unknown', () => {
    expect(treatedPatient().text(treatmentSummaryProjection, { asOf: '2001-03-01' })[0]).toMatchObject({
      best_response: 'partial',
      n_calcinosis_courses: '2',
      calcinosis_agents: 'diltiazem=partial;excision=unknown',
    });
  });

  it('given an unknown treatment history, then category and best response are unknown; without a calcinosis course they are none', () => {
    expect(treatedPatient({ treatmentHistory: 'unknown' }).text(treatmentSummaryProjection)[0]).toMatchObject({ treatment_category: 'unknown', best_response: 'unknown' });
    expect(treatedPatient().text(treatmentSummaryProjection, { asOf: '2000-05-01' })[0]).toMatchObject({
      treatment_category: 'none',
      best_response: 'none',
      n_calcinosis_treatments: '0',
      n_actd_treatments: '1',
      calcinosis_agents: '',
    });
  });
});

describe('survival-counting dataset', () => {
  it('given courses starting and stopping during follow-up, then follow-up is split at each start and stop inside it', () => {
    const rows = treatedPatient().text(survivalCountingProjection);
    const cells = rows.map((r) => [r.start_days, r.stop_days, r.calcinosis_courses_active, r.actd_courses_active, r.calcinosis_treated, r.status]);
    expect(cells).toEqual([
      ['0', '143', '0', '1', '0', '0'],
      ['143', '235', '1', '1', '1', '0'],
      ['235', '388', '0', '1', '1', '0'],
      ['388', '477', '0', '1', '1', '0'],
      ['477', '731', '1', '1', '1', '0'],
    ]);
    expect(rows.map((r) => r.stop_months)).toEqual(['4.6981519507', '7.7207392197', '12.7474332649', '15.6714579055', '24.0164271047']);
  });

  it('given a death, then only the last interval carries the event', () => {
    const log = treatedPatient();
    log.death('P1', '2003-07-01');
    const rows = log.text(survivalCountingProjection);
    expect(rows.map((r) => r.status)).toEqual(['0', '0', '0', '0', '1']);
    expect(rows.at(-1)).toMatchObject({ start_days: '477', stop_days: '1268', calcinosis_courses_active: '1' });
  });
});
