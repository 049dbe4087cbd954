/**
 * FHIR resources -> the parsed bundle the CSV import makes (facts per patient, each placed where it
 * came from), so that the planner, the decider's rules, the idempotency and the one write path of
 * src/import serve FHIR too. Found here, per resource: an unknown resource type, a missing id, a
 * reference to a patient (or course, or lesion) that is not in the import, an unmapped code, a value
 * payloadProblems refuses, a fact stated twice. Like a CSV bundle, an import states each of its
 * patients' whole record: a patient's resources come with their Patient.
 */
import type { BundlePatient, ParsedBundle } from '../import/bundle.parse';
import type { ImportProblem } from '../import/bundle.problem';
import { BUNDLE_FILES, FACT_KEY, factKey, type FactType } from '../import/bundle.schema';
import { payloadProblems } from '../patients/patient.payloads';
import { readCondition, readCourse, readEncounter, readObservation, readPatient, type ReadFacts, type Resolve } from './fhir.parse.facts';
import { fhirProblem, type LocatedResource, type ReadResources } from './fhir.read';

type Reader = (resource: Record<string, unknown>, resolve: Resolve) => ReadFacts;

const READERS: Record<string, Reader> = {
  Patient: readPatient,
  Condition: readCondition,
  MedicationStatement: readCourse,
  Procedure: readCourse,
  Observation: readObservation,
  Encounter: readEncounter,
  // a Provenance tells the exporting registry's history of a fact; this import records its own
  Provenance: () => ({ facts: [], problems: [] }),
};

/** The element of each resource type that holds each payload field: where a problem is reported. */
const PATHS: Record<string, Record<string, string>> = {
  Patient: { patientId: 'identifier', sex: 'gender', birthDate: 'birthDate', researchAuthorization: 'extension(research-authorization)', treatmentHistory: 'extension(treatment-history)', diedOn: 'deceasedDateTime', cause: 'extension(cause-of-death)' },
  Condition: { diagnosisId: 'identifier', lesionId: 'identifier', condition: 'code', subtype: 'extension(condition-subtype)', components: 'extension(condition-component)', diagnosedOn: 'onsetDateTime', onsetOn: 'onsetDateTime', confirmedBy: 'evidence', site: 'bodySite', ulcerated: 'extension(lesion-ulcerated)', painful: 'extension(lesion-painful)' },
  MedicationStatement: { treatmentId: 'identifier', indication: 'reasonCode', agent: 'medicationCodeableConcept', dose: 'dosage', doseUnit: 'dosage', startedOn: 'effectivePeriod.start', stoppedOn: 'effectivePeriod.end', reason: 'statusReason', lesionIds: 'reasonReference' },
  Procedure: { treatmentId: 'identifier', indication: 'reasonCode', agent: 'code', dose: 'extension(treatment-dose)', doseUnit: 'extension(treatment-dose)', startedOn: 'performedPeriod.start', stoppedOn: 'performedPeriod.end', reason: 'statusReason', lesionIds: 'reasonReference' },
  Observation: { treatmentId: 'focus', assessedOn: 'effectiveDateTime', grade: 'valueCodeableConcept' },
  Encounter: { seenOn: 'period.start' },
};
const pathOf = (resourceType: string, field: string): string => PATHS[resourceType]?.[field] ?? field;

export interface ParsedFhir extends ParsedBundle {
  /** the resources by their place (`at`), to place the planner's problems */
  located: ReadonlyMap<number, LocatedResource>;
}

export function parseFhir({ resources, problems: framing }: ReadResources): ParsedFhir {
  const problems: ImportProblem[] = [...framing];
  const refOf = (l: LocatedResource) => `${String(l.resource.resourceType)}/${String(l.resource.id)}`;
  const report = (l: LocatedResource, path: string | null, reason: string) => problems.push(fhirProblem(l.where, l.at, typeof l.resource.id === 'string' ? refOf(l) : null, path, reason));
  const index = new Map<string, LocatedResource>();
  const known: LocatedResource[] = [];
  for (const l of resources) {
    const type = l.resource.resourceType;
    if (typeof type !== 'string' || !(type in READERS)) report(l, 'resourceType', `${JSON.stringify(type)} is not a resource type this import reads (${Object.keys(READERS).join(', ')})`);
    else if (typeof l.resource.id !== 'string' || l.resource.id === '') report(l, 'id', 'is missing: every resource needs an id, as references name it');
    else if (index.has(refOf(l))) report(l, 'id', `${refOf(l)} is already at ${index.get(refOf(l))!.where}`);
    else {
      index.set(refOf(l), l);
      if (l.fullUrl) index.set(l.fullUrl, l);
      known.push(l);
    }
  }
  const resolve: Resolve = (reference) => (typeof reference === 'string' ? index.get(reference) ?? null : null);

  const patients = new Map<LocatedResource, BundlePatient>();
  const byRegistryId = new Map<string, LocatedResource>();
  const firstAt = new Map<string, LocatedResource>();
  const place = (l: LocatedResource, patient: BundlePatient | null, read: ReadFacts) => {
    const type = l.resource.resourceType as string;
    const found = [...read.problems, ...read.facts.flatMap((f) => payloadProblems(f.type, f.data).map((p) => ({ path: pathOf(type, p.field), reason: p.reason })))];
    for (const p of found) report(l, p.path, p.reason);
    if (!patient) return;
    if (found.length) return FACT_TYPES_OF[type].forEach((t) => patient.unreadable.add(t));
    for (const fact of read.facts) {
      const key = `${patient.patientId}|${fact.type}|${factKey(fact.type, fact.data)}`;
      const first = firstAt.get(key);
      if (first) return report(l, pathOf(type, FACT_KEY[fact.type].at(-1) ?? 'patientId'), `duplicate: the same ${fact.type} of patient ${patient.patientId} is stated at ${first.where}`);
      firstAt.set(key, l);
      patient.facts.push({ type: fact.type, data: fact.data, source: { file: 'fhir', line: l.at } });
    }
  };
  for (const l of known.filter((k) => k.resource.resourceType === 'Patient')) {
    const read = readPatient(l.resource);
    const patientId = read.facts[0].data.patientId;
    const twin = typeof patientId === 'string' ? byRegistryId.get(patientId) : undefined;
    if (twin) report(l, 'identifier', `patient ${String(patientId)} is already at ${twin.where}`);
    const patient = typeof patientId === 'string' && !twin ? { patientId, facts: [], unreadable: new Set<FactType>() } : null;
    if (patient) {
      patients.set(l, patient);
      byRegistryId.set(patient.patientId, l);
    }
    place(l, patient, read);
  }
  for (const l of known.filter((k) => k.resource.resourceType !== 'Patient' && k.resource.resourceType !== 'Provenance')) {
    const subject = (l.resource.subject as { reference?: unknown } | undefined)?.reference;
    const owner = resolve(subject);
    if (!owner || owner.resource.resourceType !== 'Patient') {
      report(l, 'subject', `${JSON.stringify(subject ?? null)} is not a Patient of this import (a patient's resources come with their Patient)`);
      continue;
    }
    // a Patient that could not be read has been reported already; its resources are not read on their own
    const patient = patients.get(owner) ?? null;
    place(l, patient, (READERS[l.resource.resourceType as string] as Reader)(l.resource, resolve));
  }
  return { patients: [...patients.values()], rows: resources.length, problems, located: new Map(resources.map((l) => [l.at, l])) };
}

const FACT_TYPES_OF: Record<string, FactType[]> = {
  Patient: ['PatientEnrolled', 'DeathRecorded'],
  Condition: ['DiagnosisRecorded', 'LesionOnsetRecorded'],
  MedicationStatement: ['TreatmentStarted', 'TreatmentStopped'],
  Procedure: ['TreatmentStarted', 'TreatmentStopped'],
  Observation: ['ResponseGraded'],
  Encounter: ['ContactRecorded'],
};

/**
 * The planner places its problems on CSV columns of the fact's row: put them on the resource's element.
 * The parse's own problems (the same objects) are placed already.
 */
export function placePlanProblems(problems: readonly ImportProblem[], parsed: ParsedFhir): ImportProblem[] {
  const own = new Set(parsed.problems);
  return problems.map((p) => {
    const l = !own.has(p) && p.file === 'fhir' && p.line !== null ? parsed.located.get(p.line) : undefined;
    if (!l) return p;
    const field = BUNDLE_FILES.flatMap((f) => f.columns).find((c) => c.name === p.column)?.field;
    const type = String(l.resource.resourceType);
    return fhirProblem(l.where, l.at, `${type}/${String(l.resource.id)}`, field ? pathOf(type, field) : null, p.reason);
  });
}
