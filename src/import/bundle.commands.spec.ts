import { MAYO_DIR } from '../../test/support/mayo';
import { FACT_TYPES } from '../patients/patient.events';
import { DomainError } from '../shared/domain.error';
import { bundleToCommands } from './bundle.commands';
import { readBundleFolder } from './bundle.source';

const MAYO = MAYO_DIR;
const NOW = '2026-01-01T00:00:00Z';

describe('bundleToCommands', () => {
  it('given the mayo bundle, when planned for an empty store, then every row becomes one command', () => {
    const commands = bundleToCommands(readBundleFolder(MAYO), { now: NOW });

    // Reference: line counts of the CSV files (wc -l minus the header); a course with a stopped_on
    // (awk: 214 of the 272 rows) also becomes a StopTreatment.
    const count = (type: string) => [...commands.values()].flat().filter((c) => c.type === type).length;
    expect(commands.size).toBe(81);
    expect(count('EnrollPatient')).toBe(81);
    expect(count('RecordDiagnosis')).toBe(162);
    expect(count('RecordLesionOnset')).toBe(167);
    expect(count('StartTreatment')).toBe(272);
    expect(count('StopTreatment')).toBe(214);
    expect(count('GradeResponse')).toBe(97);
    expect(count('RecordContact')).toBe(1004);
    expect(count('RecordDeath')).toBe(8);
  });

  it('given a patient, then the commands follow the clinical order and carry the row values', () => {
    const commands = bundleToCommands(readBundleFolder(MAYO), { now: NOW }).get('MCC-9182')!;

    const kinds = ['EnrollPatient', 'RecordDiagnosis', 'RecordLesionOnset', 'StartTreatment', 'StopTreatment', 'GradeResponse', 'RecordContact', 'RecordDeath'];
    const ranks = commands.map((c) => kinds.indexOf(c.type));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(kinds).toHaveLength(FACT_TYPES.length);
    // patients.csv line 2 and lesions.csv line 2-3 of the bundle
    expect(commands[0]).toEqual({
      type: 'EnrollPatient',
      data: { patientId: 'MCC-9182', sex: 'female', birthDate: '1924-02-21', researchAuthorization: 'granted', treatmentHistory: 'documented' },
    });
    expect(commands.filter((c) => c.type === 'RecordLesionOnset').map((c) => c.data)).toEqual([
      { lesionId: 'L1', site: 'hands_feet', onsetOn: '1990-12-25', ulcerated: false, painful: false },
      { lesionId: 'L2', site: 'extremity', onsetOn: '1993-08-01', ulcerated: false, painful: true },
    ]);
    expect(commands.at(-1)).toEqual({ type: 'RecordDeath', data: { diedOn: '2010-05-21', cause: 'metastatic breast carcinoma' } });
  });

  it('given a record instant before the clinical dates, then the bundle is refused with the rows', () => {
    const run = () => bundleToCommands(readBundleFolder(MAYO), { now: '2000-01-01T00:00:00Z' });

    expect(run).toThrow(DomainError);
    expect(run).toThrow(/problem\(s\), nothing was written/);
  });
});
