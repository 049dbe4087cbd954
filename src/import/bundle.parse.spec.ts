import { parseBundle, type BundleFiles } from './bundle.parse';

const PATIENTS = 'patient_id,sex,birth_date,research_authorization,treatment_history\nP1,female,1950-01-01,granted,documented\n';

function problemsOf(files: BundleFiles) {
  return parseBundle({ 'patients.csv': PATIENTS, ...files }).problems.map(({ file, line, column, reason }) => ({ file, line, column, reason }));
}

describe('parseBundle', () => {
  it('given a clean bundle, then it reads each row into its payload with blanks, lists and yes/no', () => {
    const parsed = parseBundle({
      'patients.csv': PATIENTS,
      'lesions.csv': 'lesion_id,patient_id,site,onset_on,ulcerated\nL1,P1,trunk,2000-01-01,yes\n',
      'diagnoses.csv': 'patient_id,diagnosis_id,condition,diagnosed_on,confirmed_by\nP1,D1,calcinosis_cutis,2000-02-01,biopsy;ct\n',
    });

    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toBe(3);
    expect(parsed.patients[0].facts.map((f) => f.data)).toEqual([
      { patientId: 'P1', sex: 'female', birthDate: '1950-01-01', researchAuthorization: 'granted', treatmentHistory: 'documented' },
      { diagnosisId: 'D1', condition: 'calcinosis_cutis', subtype: null, components: [], diagnosedOn: '2000-02-01', confirmedBy: ['biopsy', 'ct'] },
      { lesionId: 'L1', site: 'trunk', onsetOn: '2000-01-01', ulcerated: true, painful: null },
    ]);
  });

  it('given an unknown column, then the header is reported and its rows are not read', () => {
    expect(problemsOf({ 'contacts.csv': 'patient_id,seen_on,seen_by\nP1,2001-01-01,dr x\n' })).toEqual([
      { file: 'contacts.csv', line: 1, column: 'seen_by', reason: 'unknown column (contacts.csv has patient_id, seen_on)' },
    ]);
  });

  it('given a missing required column, then it is named', () => {
    expect(problemsOf({ 'deaths.csv': 'patient_id,cause\nP1,x\n' })).toEqual([{ file: 'deaths.csv', line: 1, column: 'died_on', reason: 'missing required column' }]);
  });

  it('given bad cells, then each is reported on its line and column', () => {
    const problems = problemsOf({
      'lesions.csv': 'patient_id,lesion_id,site,onset_on,ulcerated,painful\nP1,L1,elbow,2000-02-30,maybe,no\n',
      'treatments.csv':
        'patient_id,treatment_id,indication,agent,category,dose,dose_unit,started_on,stopped_on,lesion_ids\nP1,T1,calcinosis,diltiazem,medical,lots,mg/d,2001-01-01,,\n',
    });

    expect(problems).toEqual([
      { file: 'lesions.csv', line: 2, column: 'ulcerated', reason: 'must be yes, no or blank' },
      { file: 'lesions.csv', line: 2, column: 'site', reason: 'must be one of hands_feet, extremity, trunk, head' },
      { file: 'lesions.csv', line: 2, column: 'onset_on', reason: 'must be a real calendar date in YYYY-MM-DD form' },
      { file: 'treatments.csv', line: 2, column: 'dose', reason: 'must be a decimal number such as 1.2, or blank' },
    ]);
  });

  it('given cells the payload checks refuse, then each names its column', () => {
    const problems = problemsOf({ 'lesions.csv': 'patient_id,lesion_id,site,onset_on\nP1,L1,elbow,2000-02-30\n' });

    expect(problems).toEqual([
      { file: 'lesions.csv', line: 2, column: 'site', reason: 'must be one of hands_feet, extremity, trunk, head' },
      { file: 'lesions.csv', line: 2, column: 'onset_on', reason: 'must be a real calendar date in YYYY-MM-DD form' },
    ]);
  });

  it('given a row of a patient not in patients.csv, then it is reported on patient_id', () => {
    expect(problemsOf({ 'contacts.csv': 'patient_id,seen_on\nP1,2001-01-01\nP9,2001-01-01\n' })).toEqual([
      { file: 'contacts.csv', line: 3, column: 'patient_id', reason: 'patient P9 is not in patients.csv' },
    ]);
  });

  it('given two rows stating the same fact, then the second is a duplicate of the first', () => {
    const problems = problemsOf({
      'diagnoses.csv': 'patient_id,diagnosis_id,condition,diagnosed_on\nP1,D1,sle,2000-01-01\nP1,D1,sle,2001-01-01\n',
      'contacts.csv': 'patient_id,seen_on\nP1,2001-01-01\nP1,2001-01-01\n',
      'patients.csv': `${PATIENTS}P1,male,1950-01-01,granted,documented\n`,
    });

    expect(problems).toEqual([
      { file: 'patients.csv', line: 3, column: 'patient_id', reason: 'duplicate: patient P1 already has a row on line 2' },
      { file: 'diagnoses.csv', line: 3, column: 'diagnosis_id', reason: 'duplicate: diagnosis_id D1 of patient P1 is already on line 2' },
      { file: 'contacts.csv', line: 3, column: 'seen_on', reason: 'duplicate: seen_on 2001-01-01 of patient P1 is already on line 2' },
    ]);
  });

  it('given a patient with many rows in a file, then a row stating one of them again is a duplicate of the first', () => {
    // 40 contacts of P1 on days 1..40 of 2001 (lines 2..41), then day 5 again (line 42) and day 38 again (line 43)
    const day = (n: number) => new Date(Date.UTC(2001, 0, n)).toISOString().slice(0, 10);
    const rows = Array.from({ length: 40 }, (_, i) => `P1,${day(i + 1)}\n`).join('');
    const problems = problemsOf({ 'contacts.csv': `patient_id,seen_on\n${rows}P1,2001-01-05\nP1,2001-02-07\n` });

    expect(problems).toEqual([
      { file: 'contacts.csv', line: 42, column: 'seen_on', reason: 'duplicate: seen_on 2001-01-05 of patient P1 is already on line 6' },
      { file: 'contacts.csv', line: 43, column: 'seen_on', reason: 'duplicate: seen_on 2001-02-07 of patient P1 is already on line 39' },
    ]);
  });

  it('given a file with a bad cell on line 2 and an unclosed quote on line 3, then the broken quoting is its only problem', () => {
    const problems = problemsOf({ 'contacts.csv': 'patient_id,seen_on\nP1,2001-02-30\nP1,"2001-03-01\n' });

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'contacts.csv', column: null });
    expect(problems[0].reason).toMatch(/^is not valid CSV: Quote Not Closed/);
  });

  it('given a file whose rows were read before its broken quoting, then none of them counts: no fact, no kind unreadable, no problem of placing them', () => {
    const parsed = parseBundle({
      'patients.csv': PATIENTS,
      // a contact, its duplicate, a patient not in patients.csv, a bad date, then the quote never closed
      'contacts.csv': 'patient_id,seen_on\nP1,2001-01-01\nP1,2001-01-01\nP9,2001-01-02\nP1,2001-02-30\nP1,"2001-03-01\n',
    });

    expect(parsed.rows).toBe(1);
    expect(parsed.patients.map((p) => [p.patientId, p.facts.map((f) => f.type), [...p.unreadable]])).toEqual([['P1', ['PatientEnrolled'], []]]);
    expect(parsed.problems.map(({ file, line }) => [file, line])).toEqual([['contacts.csv', 6]]);
  });

  it('given a patients.csv that is not CSV, then no patient is known and every other row is of an unknown patient', () => {
    const parsed = parseBundle({ 'patients.csv': `${PATIENTS}P2,"male\n`, 'contacts.csv': 'patient_id,seen_on\nP1,2001-01-01\n' });

    expect(parsed.patients).toEqual([]);
    expect(parsed.problems.map(({ file, line, reason }) => [file, line, reason])).toEqual([
      ['patients.csv', 3, 'is not valid CSV: Quote Not Closed: the parsing is finished with an opening quote at line 3'],
      ['contacts.csv', 2, 'patient P1 is not in patients.csv'],
    ]);
  });

  it('given a file with a header only or nothing at all, then it has no rows; the empty one has no header line', () => {
    expect(problemsOf({ 'contacts.csv': 'patient_id,seen_on\n' })).toEqual([]);
    expect(problemsOf({ 'contacts.csv': '' })).toEqual([{ file: 'contacts.csv', line: 1, column: null, reason: 'has no header line' }]);
  });

  it('given an unknown file, a missing patients.csv, a short row and broken quoting, then each is reported', () => {
    const parsed = parseBundle({
      'lesion.csv': 'x\n',
      'contacts.csv': 'patient_id,seen_on\nP1\n',
      'deaths.csv': 'patient_id,died_on\n"P1,2001-01-01\n',
    });

    expect(parsed.problems.map(({ file, line, column }) => [file, line, column])).toEqual([
      ['lesion.csv', null, null],
      ['patients.csv', null, null],
      ['contacts.csv', 2, null],
      ['deaths.csv', 2, null],
    ]);
    expect(parsed.problems[2].reason).toBe('has 1 cells; the header has 2');
    expect(parsed.problems[3].reason).toMatch(/^is not valid CSV: Quote Not Closed/);
  });
});
