import { writeBundle } from '../export/bundle.write';
import { bundleToRecords, recordOfCommands } from '../import/bundle.commands';
import { planPatient } from '../import/bundle.plan';
import { liveFacts } from '../patients/patient.facts';
import { readMayoBundle } from '../../test/support/mayo';
import { patientResources } from './fhir.mapping';
import { parseFhir } from './fhir.parse';
import { readBundle, readNdjson, writeNdjson } from './fhir.read';

const NOW = '2026-01-01T00:00:00.000Z';
const LATER = '2026-02-01T00:00:00.000Z';

describe('FHIR import parse', () => {
  const records = bundleToRecords(readMayoBundle(), { now: NOW });
  const ndjson = writeNdjson([...records.values()].flatMap((r) => patientResources(r)));

  it('given the mayo export, then planning it into empty records and exporting the CSV bundle gives the same files byte for byte', () => {
    const parsed = parseFhir(readNdjson(ndjson));
    expect(parsed.problems).toEqual([]);
    const again = parsed.patients.map((p) => {
      const plan = planPatient(p, recordOfCommands([], { now: LATER }), { now: LATER, reason: 'fhir' });
      expect(plan.problems).toEqual([]);
      return liveFacts(recordOfCommands(plan.commands, { now: LATER }));
    });
    expect(writeBundle(again)).toEqual(writeBundle([...records.values()].map(liveFacts)));
  });

  it('given the mayo export against the records it came from, then no patient needs a command (a re-import appends nothing)', () => {
    const parsed = parseFhir(readNdjson(ndjson));
    const commands = parsed.patients.flatMap((p) => planPatient(p, records.get(p.patientId)!, { now: LATER, reason: 'fhir' }).commands);
    expect(commands).toEqual([]);
  });

  it('given facts the mayo cohort lacks (a stop reason, a dosed surgical course, components, a death without cause), then they survive the round trip', () => {
    const record = recordOfCommands(
      [
        { type: 'EnrollPatient', data: { patientId: 'P 1/x', sex: 'male', birthDate: '1950-01-01', researchAuthorization: 'denied', treatmentHistory: 'unknown' } },
        { type: 'RecordDiagnosis', data: { diagnosisId: 'D1', condition: 'overlap_ctd', subtype: null, components: ['sle', 'polymyositis'], diagnosedOn: '1990-01-01', confirmedBy: [] } },
        { type: 'RecordLesionOnset', data: { lesionId: 'L1', site: 'head', onsetOn: '1991-01-01', ulcerated: null, painful: false } },
        { type: 'StartTreatment', data: { treatmentId: 'T1', indication: 'actd', agent: 'tacrolimus', category: 'medical', dose: 2.5, doseUnit: null, startedOn: '1990-02-01', lesionIds: [] } },
        { type: 'StopTreatment', data: { treatmentId: 'T1', stoppedOn: '1990-03-01', reason: 'tremor' } },
        { type: 'StartTreatment', data: { treatmentId: 'T2', indication: 'calcinosis', agent: 'low_frequency_ultrasound', category: 'surgical', dose: 1, doseUnit: 'session', startedOn: '1991-02-01', lesionIds: ['L1'] } },
        { type: 'RecordDeath', data: { diedOn: '1995-01-01', cause: null } },
      ],
      { now: NOW },
    );
    const parsed = parseFhir(readNdjson(writeNdjson(patientResources(record))));
    expect(parsed.problems).toEqual([]);
    const plan = planPatient(parsed.patients[0], recordOfCommands([], { now: LATER }), { now: LATER, reason: 'fhir' });
    const strip = (facts: object) => JSON.stringify(facts, (key, value) => (key === 'eventId' ? undefined : value));
    expect(strip(liveFacts(recordOfCommands(plan.commands, { now: LATER })))).toBe(strip(liveFacts(record)));
  });

  describe('bad input: one clear problem per resource, naming its place, element and reason', () => {
    const patient = { resourceType: 'Patient', id: 'P1', identifier: [{ system: 'https://cohort-chronicle.example/fhir/NamingSystem/patient-id', value: 'P1' }], gender: 'female', birthDate: '1950-01-01',
      extension: [{ url: 'https://cohort-chronicle.example/fhir/StructureDefinition/research-authorization', valueCode: 'granted' }, { url: 'https://cohort-chronicle.example/fhir/StructureDefinition/treatment-history', valueCode: 'documented' }] };
    const condition = (code: object, subject = 'Patient/P1') => ({ resourceType: 'Condition', id: 'C1', identifier: [{ system: 'https://cohort-chronicle.example/fhir/NamingSystem/diagnosis-id', value: 'D1' }], code, subject: { reference: subject }, onsetDateTime: '2000-01-01' });
    const problemsOf = (lines: string[]) => parseFhir(readNdjson(lines.join('\n'))).problems.map((p) => `${p.field}: ${p.reason}`);

    it('a valid two-line input has no problem and one patient with its diagnosis (SNOMED CT alone maps back to dermatomyositis)', () => {
      const parsed = parseFhir(readNdjson([JSON.stringify(patient), JSON.stringify(condition({ coding: [{ system: 'http://snomed.info/sct', code: '396230008' }] }))].join('\n')));
      expect(parsed.problems).toEqual([]);
      expect(parsed.patients[0].facts.map((f) => [f.type, f.data.condition ?? f.data.sex])).toEqual([['PatientEnrolled', 'female'], ['DiagnosisRecorded', 'dermatomyositis']]);
    });

    it('an unmapped code', () => {
      expect(problemsOf([JSON.stringify(patient), JSON.stringify(condition({ coding: [{ system: 'http://snomed.info/sct', code: '73211009' }] }))])).toEqual([
        'line 2 (Condition/C1) code: unmapped code (http://snomed.info/sct|73211009): give a coding of https://cohort-chronicle.example/fhir/CodeSystem/condition or a standard code listed in docs/fhir-mapping.md',
      ]);
    });

    it('ICD-10 M35.1 alone (mixed or overlap CTD) is ambiguous, so unmapped', () => {
      expect(problemsOf([JSON.stringify(patient), JSON.stringify(condition({ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'M35.1' }] }))])[0]).toMatch(/^line 2 \(Condition\/C1\) code: unmapped code/);
    });

    it('a resource of an unknown type', () => {
      expect(problemsOf([JSON.stringify(patient), JSON.stringify({ resourceType: 'AllergyIntolerance', id: 'A1' })])).toEqual([
        'line 2 (AllergyIntolerance/A1) resourceType: "AllergyIntolerance" is not a resource type this import reads (Patient, Condition, MedicationStatement, Procedure, Observation, Encounter, Provenance)',
      ]);
    });

    it('a reference to a missing patient', () => {
      expect(problemsOf([JSON.stringify(patient), JSON.stringify(condition({ coding: [{ system: 'http://snomed.info/sct', code: '396230008' }] }, 'Patient/P9'))])).toEqual([
        'line 2 (Condition/C1) subject: "Patient/P9" is not a Patient of this import (a patient\'s resources come with their Patient)',
      ]);
    });

    it('invalid JSON on a line, and a blank line is skipped', () => {
      expect(problemsOf([JSON.stringify(patient), '', '{"resourceType": "Encounter",'])).toEqual([expect.stringMatching(/^line 3: is not valid JSON: /)]);
    });

    it('a value the payload checks refuse, on its element (a date-time where a date is needed)', () => {
      expect(problemsOf([JSON.stringify({ ...patient, birthDate: '1950-01-01T10:00:00Z' })])).toEqual(['line 1 (Patient/P1) birthDate: must be a real calendar date in YYYY-MM-DD form']);
    });

    it('the same resource twice, and a Bundle that is not one', () => {
      expect(problemsOf([JSON.stringify(patient), JSON.stringify(patient)])).toEqual(['line 2 (Patient/P1) id: Patient/P1 is already at line 1']);
      expect(parseFhir(readBundle({ resourceType: 'Patient' })).problems.map((p) => p.field)).toEqual(['Bundle resourceType']);
    });
  });
});
