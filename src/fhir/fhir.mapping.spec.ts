import { bundleToRecords, recordOfCommands } from '../import/bundle.commands';
import { readMayoBundle } from '../../test/support/mayo';
import { fhirSchemaErrors } from '../../test/support/fhirSchema';
import { patientResources } from './fhir.mapping';
import type { FhirResource } from './fhir.types';

const NOW = '2026-01-01T00:00:00.000Z';
const LOCAL = 'https://cohort-chronicle.example/fhir/CodeSystem';

describe('FHIR mapping of the mayo-2012 cohort', () => {
  const records = bundleToRecords(readMayoBundle(), { now: NOW });
  const all = [...records.values()].flatMap((record) => patientResources(record));
  const of = (patientId: string) => patientResources(records.get(patientId)!);
  const byId = (resources: FhirResource[], id: string) => resources.find((r) => r.id === id)!;

  it('given every patient, then every resource is valid against the official R4 JSON schema', () => {
    const invalid = all.map((r) => ({ ref: `${r.resourceType}/${r.id}`, errors: fhirSchemaErrors(r) })).filter((r) => r.errors.length > 0);
    expect(invalid).toEqual([]);
    // patients.csv has 81 rows, treatments.csv 272
    expect(all.filter((r) => r.resourceType === 'Patient')).toHaveLength(81);
    expect(all.filter((r) => r.resourceType === 'MedicationStatement' || r.resourceType === 'Procedure')).toHaveLength(272);
  });

  it('the schema is a real judge: an element that is not R4 (birthdate) and a bad code type are refused', () => {
    expect(fhirSchemaErrors({ resourceType: 'Patient', id: 'x', birthdate: '1950-01-01' } as never).length).toBeGreaterThan(0);
    expect(fhirSchemaErrors({ resourceType: 'Patient', id: 'x', gender: 1 } as never).length).toBeGreaterThan(0);
  });

  it('gives every resource a distinct id', () => {
    expect(new Set(all.map((r) => `${r.resourceType}/${r.id}`)).size).toBe(all.length);
  });

  it('given MCC-9182 (patients.csv, deaths.csv), then the Patient says female, born 1924-02-21, died 2010-05-21 of metastatic breast carcinoma', () => {
    const patient = byId(of('MCC-9182'), 'MCC-9182');
    expect(patient).toMatchObject({
      resourceType: 'Patient',
      identifier: [{ system: 'https://cohort-chronicle.example/fhir/NamingSystem/patient-id', value: 'MCC-9182' }],
      gender: 'female',
      birthDate: '1924-02-21',
      deceasedDateTime: '2010-05-21',
    });
    expect(patient.extension).toEqual(
      expect.arrayContaining([
        { url: 'https://cohort-chronicle.example/fhir/StructureDefinition/research-authorization', valueCode: 'granted' },
        { url: 'https://cohort-chronicle.example/fhir/StructureDefinition/cause-of-death', valueString: 'metastatic breast carcinoma' },
      ]),
    );
    // contacts.csv has 23 rows for MCC-9182
    expect(of('MCC-9182').filter((r) => r.resourceType === 'Encounter')).toHaveLength(23);
  });

  describe('given MCC-7866 (values read by hand from the mayo-2012 CSV files)', () => {
    const resources = () => of('MCC-7866');

    it('maps D1 dermatomyositis (classic, biopsy, 1999-02-02) to SNOMED 396230008 and ICD-10 M33.1, keeping the local code', () => {
      const d1 = byId(resources(), 'MCC-7866.dx.D1');
      expect((d1.code as { coding: { system: string; code: string }[] }).coding.map((c) => `${c.system}|${c.code}`)).toEqual([
        'http://snomed.info/sct|396230008',
        'http://hl7.org/fhir/sid/icd-10|M33.1',
        `${LOCAL}/condition|dermatomyositis`,
      ]);
      expect(d1).toMatchObject({ onsetDateTime: '1999-02-02', recordedDate: NOW, verificationStatus: { coding: [{ code: 'confirmed' }] } });
      expect(d1.evidence).toEqual([{ code: [{ coding: [{ system: 'http://snomed.info/sct', code: '86273004', display: 'Biopsy' }, { system: `${LOCAL}/confirmation`, code: 'biopsy' }], text: 'biopsy' }] }]);
    });

    it('maps D2 calcinosis cutis (dystrophic, radiography, 2004-01-23) to ICD-10 L94.2; radiography has only its local code', () => {
      const d2 = byId(resources(), 'MCC-7866.dx.D2');
      expect(d2).toMatchObject({ onsetDateTime: '2004-01-23', code: { coding: [{ code: 'L94.2' }, { code: 'calcinosis_cutis' }] } });
      expect(d2.extension).toEqual([{ url: 'https://cohort-chronicle.example/fhir/StructureDefinition/condition-subtype', valueCode: 'dystrophic' }]);
      expect(d2.evidence).toEqual([{ code: [{ coding: [{ system: `${LOCAL}/confirmation`, code: 'radiography' }], text: 'radiography' }] }]);
    });

    it('maps lesion L1 (extremity, 2003-06-24, ulcerated, painful) to a Condition with its body site', () => {
      const l1 = byId(resources(), 'MCC-7866.lesion.L1');
      expect(l1).toMatchObject({ onsetDateTime: '2003-06-24', bodySite: [{ coding: [{ system: `${LOCAL}/site`, code: 'extremity' }] }] });
      expect(l1.extension).toEqual([
        { url: 'https://cohort-chronicle.example/fhir/StructureDefinition/lesion-ulcerated', valueBoolean: true },
        { url: 'https://cohort-chronicle.example/fhir/StructureDefinition/lesion-painful', valueBoolean: true },
      ]);
    });

    it('maps T1 diltiazem 480 mg/d, 2004-03-18 to 2004-06-03, to a completed MedicationStatement with RxNorm 3443', () => {
      expect(byId(resources(), 'MCC-7866.tx.T1')).toMatchObject({
        resourceType: 'MedicationStatement',
        status: 'completed',
        medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '3443' }, { system: `${LOCAL}/agent`, code: 'diltiazem' }] },
        effectivePeriod: { start: '2004-03-18', end: '2004-06-03' },
        dosage: [{ doseAndRate: [{ doseQuantity: { value: 480, unit: 'mg/d' } }] }],
        reasonCode: [{ coding: [{ code: 'calcinosis' }] }],
      });
    });

    it('maps T2 excision on 2004-06-28 of L1 to a Procedure, and the two grades to Observations on their courses', () => {
      expect(byId(resources(), 'MCC-7866.tx.T2')).toMatchObject({
        resourceType: 'Procedure',
        code: { coding: [{ system: 'http://snomed.info/sct', code: '65801008' }, { code: 'excision' }] },
        performedPeriod: { start: '2004-06-28', end: '2004-06-28' },
        reasonReference: [{ reference: 'Condition/MCC-7866.lesion.L1' }],
      });
      const grades = resources().filter((r) => r.resourceType === 'Observation');
      expect(grades.map((g) => [(g.focus as { reference: string }[])[0].reference, g.effectiveDateTime, (g.valueCodeableConcept as { coding: { code: string }[] }).coding[0].code])).toEqual([
        ['MedicationStatement/MCC-7866.tx.T1', '2004-04-08', 'partial'],
        ['Procedure/MCC-7866.tx.T2', '2004-09-12', 'complete'],
      ]);
      expect(resources().filter((r) => r.resourceType === 'Encounter').map((e) => (e.period as { start: string }).start)).toEqual(['2004-04-08', '2004-09-12', '2004-09-24']);
    });
  });
});

describe('FHIR mapping of corrections and retractions', () => {
  it('given a corrected lesion and a retracted contact, then the lesion has the new site, the contact is gone and each amendment has a Provenance', () => {
    const record = recordOfCommands(
      [
        { type: 'EnrollPatient', data: { patientId: 'P1', sex: 'male', birthDate: '1950-01-01', researchAuthorization: 'granted', treatmentHistory: 'documented' } },
        { type: 'RecordLesionOnset', data: { lesionId: 'L1', site: 'trunk', onsetOn: '2000-01-01', ulcerated: true, painful: null } },
        { type: 'RecordContact', data: { seenOn: '2001-01-01' } },
        { type: 'CorrectEntry', data: { eventId: 'e2', changes: { site: 'head' }, reason: 'typo' } },
        { type: 'RetractEntry', data: { eventId: 'e3', reason: 'another patient' } },
      ],
      { now: NOW },
    );
    const amendments = [
      { eventId: 'e4', kind: 'corrected' as const, target: 'e2', recordedAt: '2026-02-01T00:00:00.000Z', recordedBy: 'alice', reason: 'typo', fields: ['site'] },
      { eventId: 'e5', kind: 'retracted' as const, target: 'e3', recordedAt: '2026-02-02T00:00:00.000Z', recordedBy: 'bob', reason: 'another patient', fields: [] },
    ];

    const resources = patientResources(record, amendments);

    expect(resources.map((r) => r.resourceType)).toEqual(['Patient', 'Condition', 'Provenance', 'Provenance']);
    expect(resources[1].bodySite).toEqual([{ coding: [{ system: 'http://snomed.info/sct', code: '69536005', display: 'Head structure' }, { system: `${LOCAL}/site`, code: 'head' }], text: 'head' }]);
    expect(resources[2]).toMatchObject({ target: [{ reference: 'Condition/P1.lesion.L1' }], recorded: '2026-02-01T00:00:00.000Z', activity: { coding: [{ code: 'UPDATE' }] }, agent: [{ who: { display: 'alice' } }] });
    expect(resources[3]).toMatchObject({ target: [{ reference: 'Encounter/P1.contact.2001-01-01' }], activity: { coding: [{ code: 'NULLIFY' }] }, reason: [{ text: 'another patient' }] });
    expect(resources.flatMap(fhirSchemaErrors)).toEqual([]);
  });
});
