import { emptyRecord, type PatientRecord } from '../patients/patient.record';
import { recordOfCommands } from './bundle.commands';
import { parseBundle, type BundleFiles } from './bundle.parse';
import { planPatient, type ImportCommand } from './bundle.plan';

const NOW = '2026-01-01T00:00:00Z';
const REASON = 'import abc123';
const HEADERS = {
  'patients.csv': 'patient_id,sex,birth_date,research_authorization,treatment_history',
  'diagnoses.csv': 'patient_id,diagnosis_id,condition,subtype,components,diagnosed_on,confirmed_by',
  'lesions.csv': 'patient_id,lesion_id,site,onset_on,ulcerated,painful',
  'treatments.csv': 'patient_id,treatment_id,indication,agent,category,dose,dose_unit,started_on,stopped_on,lesion_ids',
  'responses.csv': 'patient_id,treatment_id,assessed_on,grade',
  'contacts.csv': 'patient_id,seen_on',
  'deaths.csv': 'patient_id,died_on,cause',
};
const BASE = {
  'patients.csv': ['P1,female,1950-01-01,granted,documented'],
  'diagnoses.csv': ['P1,D1,calcinosis_cutis,dystrophic,,1999-06-01,biopsy'],
  'lesions.csv': ['P1,L1,trunk,1999-05-01,yes,no'],
  'treatments.csv': ['P1,T1,calcinosis,diltiazem,medical,240,mg/d,2000-01-01,2000-02-01,L1'],
  'responses.csv': ['P1,T1,2000-03-01,partial'],
  'contacts.csv': ['P1,2000-03-01', 'P1,2001-03-01'],
  'deaths.csv': ['P1,2002-01-01,'],
};
type Rows = Partial<Record<keyof typeof HEADERS, string[]>>;

function bundle(rows: Rows): BundleFiles {
  const all = { ...BASE, ...rows };
  return Object.fromEntries(Object.entries(all).map(([name, lines]) => [name, [HEADERS[name as keyof typeof HEADERS], ...lines].join('\n')]));
}

function plan(rows: Rows, current: PatientRecord = emptyRecord()) {
  const parsed = parseBundle(bundle(rows));
  expect(parsed.problems).toEqual([]);
  return planPatient(parsed.patients[0], current, { now: NOW, reason: REASON });
}

/** Parse and plan problems together, as the import reports them. */
function allProblems(rows: Rows) {
  const parsed = parseBundle(bundle(rows));
  const planned = planPatient(parsed.patients[0], emptyRecord(), { now: NOW, reason: REASON });
  return [...parsed.problems, ...planned.problems].map(({ file, line, column }) => `${file}:${line}:${column}`);
}

const recordOf = (commands: ImportCommand[]) => recordOfCommands(commands, { now: NOW });

const where = (p: ReturnType<typeof plan>) => p.problems.map(({ file, line, column, reason }) => ({ file, line, column, reason }));

describe('planPatient on an empty record', () => {
  it('given a stop before its start, then the stop cell is reported with the rule', () => {
    const result = plan({ 'treatments.csv': ['P1,T1,calcinosis,diltiazem,medical,240,mg/d,2000-01-01,1999-12-01,L1'], 'responses.csv': [] });

    expect(where(result)).toEqual([
      { file: 'treatments.csv', line: 2, column: 'stopped_on', reason: 'treatment T1 stop (1999-12-01) is before its start (2000-01-01)' },
    ]);
    expect(result.commands).toEqual([]);
  });

  it('given a response for an unknown treatment, then its treatment_id is reported', () => {
    expect(where(plan({ 'responses.csv': ['P1,T1,2000-03-01,partial', 'P1,T9,2000-03-01,none'] }))).toEqual([
      { file: 'responses.csv', line: 3, column: 'treatment_id', reason: 'treatment T9 was never started for this patient' },
    ]);
  });

  it('given a course aimed at an unknown lesion and a contact after death, then each is placed on its cell', () => {
    const result = plan({
      'treatments.csv': ['P1,T1,calcinosis,diltiazem,medical,240,mg/d,2000-01-01,2000-02-01,L7'],
      'contacts.csv': ['P1,2000-03-01', 'P1,2003-03-01'],
    });

    expect(where(result)).toEqual([
      { file: 'treatments.csv', line: 2, column: 'lesion_ids', reason: 'treatment T1 targets lesion L7, which is not recorded' },
      { file: 'deaths.csv', line: 2, column: 'died_on', reason: 'contact (2003-03-01) is after death (2002-01-01)' },
    ]);
  });
});

describe('planPatient after rows that could not be read', () => {
  it('given an unreadable lesion and an unreadable course, then their targets and grades are not reported again', () => {
    expect(allProblems({ 'lesions.csv': ['P1,L1,elbow,1999-05-01,yes,no'], 'treatments.csv': ['P1,T1,calcinosis,diltiazem,medical,lots,mg/d,2000-01-01,2000-02-01,L1'] })).toEqual([
      'lesions.csv:2:site',
      'treatments.csv:2:dose',
    ]);
  });

  it('given an unreadable patients.csv row, then only that row is reported', () => {
    expect(allProblems({ 'patients.csv': ['P1,female,1950-13-01,granted,documented'] })).toEqual(['patients.csv:2:birth_date']);
  });
});

describe('planPatient against the current record (re-import)', () => {
  const first = plan({});
  const current = recordOf(first.commands);

  it('given the same bundle again, then nothing is planned', () => {
    const again = plan({}, current);

    expect(again.commands).toEqual([]);
    expect(again.counts).toEqual({ facts: 0, corrections: 0, retractions: 0, authorizationChanges: 0 });
    expect(first.counts).toEqual({ facts: 9, corrections: 0, retractions: 0, authorizationChanges: 0 });
  });

  it('given changed, removed and new rows, then corrections, retractions and new facts with the import reason', () => {
    // e1 enrolment, e2 diagnosis, e3 lesion, e4 start, e5 stop, e6 grade, e7-e8 contacts, e9 death
    const next = plan(
      {
        'patients.csv': ['P1,female,1950-01-01,denied,documented'],
        'lesions.csv': ['P1,L1,hands_feet,1999-05-01,yes,'],
        'contacts.csv': ['P1,2000-03-01', 'P1,2001-06-01'],
        'deaths.csv': ['P1,2002-01-01,pneumonia'],
      },
      current,
    );

    expect(next.problems).toEqual([]);
    expect(next.commands).toEqual([
      { type: 'RetractEntry', data: { eventId: 'e8', reason: REASON } },
      { type: 'ChangeResearchAuthorization', data: { researchAuthorization: 'denied', reason: REASON } },
      { type: 'CorrectEntry', data: { eventId: 'e3', changes: { site: 'hands_feet', painful: null }, reason: REASON } },
      { type: 'CorrectEntry', data: { eventId: 'e9', changes: { cause: 'pneumonia' }, reason: REASON } },
      { type: 'RecordContact', data: { seenOn: '2001-06-01' } },
    ]);
    expect(next.counts).toEqual({ facts: 1, corrections: 2, retractions: 1, authorizationChanges: 1 });
  });

  it('given a course moved after its old stop, then the stop is corrected before the start', () => {
    const moved = plan({ 'treatments.csv': ['P1,T1,calcinosis,diltiazem,medical,240,mg/d,2000-02-15,2000-02-20,L1'] }, current);

    expect(moved.commands).toEqual([
      { type: 'CorrectEntry', data: { eventId: 'e5', changes: { stoppedOn: '2000-02-20' }, reason: REASON } },
      { type: 'CorrectEntry', data: { eventId: 'e4', changes: { startedOn: '2000-02-15' }, reason: REASON } },
    ]);
  });

  it('given a course removed from the bundle, then its grade, stop and start are retracted in that order', () => {
    const removed = plan({ 'treatments.csv': [], 'responses.csv': [] }, current);

    expect(removed.commands.map((c) => [c.type, (c.data as { eventId: string }).eventId])).toEqual([
      ['RetractEntry', 'e6'],
      ['RetractEntry', 'e5'],
      ['RetractEntry', 'e4'],
    ]);
  });
});
