import { liveFacts } from '../patients/patient.facts';
import { bundleToRecords, recordOfCommands } from '../import/bundle.commands';
import { readBundleFolder } from '../import/bundle.source';
import { writeBundle } from './bundle.write';
import { rowSet } from '../../test/support/bundleRows';
import { MAYO_DIR } from '../../test/support/mayo';


describe('writeBundle', () => {
  const source = readBundleFolder(MAYO_DIR);
  const written = writeBundle([...bundleToRecords(source, { now: '2026-01-01T00:00:00Z' }).values()].map(liveFacts));

  it.each(Object.keys(source))('given the imported mayo bundle, then %s comes back with the same rows', (name) => {
    expect(rowSet(written[name])).toEqual(rowSet(source[name]));
  });

  it('writes the columns of the spec in its order and the rows in canonical order', () => {
    const lines = written['treatments.csv'].split('\n');
    expect(lines[0]).toBe('patient_id,treatment_id,indication,agent,category,dose,dose_unit,started_on,stopped_on,lesion_ids');
    // MCC-1078 is the first patient id in code-unit order; its courses by start date (treatments.csv of the bundle)
    expect(lines[1].startsWith('MCC-1078,')).toBe(true);
    const starts = lines.slice(1).filter((l) => l.startsWith('MCC-1078,')).map((l) => l.split(',')[7]);
    expect(starts).toEqual([...starts].sort());
  });

  it('given a corrected lesion and a retracted contact, then the corrected value is written and the contact is not', () => {
    const now = '2026-01-01T00:00:00Z';
    const record = recordOfCommands(
      [
        { type: 'EnrollPatient', data: { patientId: 'P1', sex: 'male', birthDate: '1950-01-01', researchAuthorization: 'granted', treatmentHistory: 'documented' } },
        { type: 'RecordLesionOnset', data: { lesionId: 'L1', site: 'trunk', onsetOn: '2000-01-01', ulcerated: true, painful: null } },
        { type: 'RecordContact', data: { seenOn: '2001-01-01' } },
        { type: 'RecordContact', data: { seenOn: '2002-01-01' } },
        { type: 'CorrectEntry', data: { eventId: 'e2', changes: { site: 'head' }, reason: 'typo' } },
        { type: 'RetractEntry', data: { eventId: 'e3', reason: 'another patient' } },
      ],
      { now },
    );

    const files = writeBundle([liveFacts(record)]);

    expect(files['lesions.csv']).toBe('patient_id,lesion_id,site,onset_on,ulcerated,painful\nP1,L1,head,2000-01-01,yes,\n');
    expect(files['contacts.csv']).toBe('patient_id,seen_on\nP1,2002-01-01\n');
    expect(files['deaths.csv']).toBe('patient_id,died_on,cause\n');
  });
});
