/**
 * One patient's effective record -> FHIR R4 resources (pure). The input is the record the decider and
 * the projections fold (patient.record.ts): corrections applied, retracted facts left out. Each fact
 * becomes one resource (a course's stop sits on its course), in a fixed order: Patient, diagnoses,
 * lesions, courses, grades, contacts, then a Provenance per correction or retraction. docs/fhir-mapping.md
 * lists every element; fhir.parse.ts reads the same elements back.
 */
import type { PatientRecord } from '../patients/patient.record';
import { liveFacts, type PatientFacts } from '../patients/patient.facts';
import { careResources } from './fhir.mapping.care';
import { CONDITION_CODES, CONDITION_VER_STATUS, CONFIRMATION_CODES, EXTENSION, IDENTIFIER, LESION_CODE, LOCAL, SITE_CODES, SUBTYPE_ICD10, codings, ICD10 } from './fhir.codes';
import { ids, sortedBy } from './fhir.ids';
import { entriesOf, provenanceResources, type Amendment } from './fhir.provenance';
import type { Extension, FhirResource } from './fhir.types';

export type { Amendment } from './fhir.provenance';

/** Every resource of one patient; none for a record without an enrolment (nothing to hang them on). */
export function patientResources(record: PatientRecord, amendments: readonly Amendment[] = []): FhirResource[] {
  const facts = liveFacts(record);
  if (facts.enrolment === null) return [];
  const pid = facts.enrolment.patientId;
  const subject = { reference: `Patient/${ids.patient(pid)}` };
  return [
    patientResource(facts),
    ...sortedBy(facts.diagnoses, (d) => `${d.diagnosedOn}|${d.diagnosisId}`).map((d) => diagnosisResource(pid, subject, d, recordedAtOf(record, d.eventId))),
    ...sortedBy(facts.lesions, (l) => `${l.onsetOn}|${l.lesionId}`).map((l) => lesionResource(pid, subject, l, recordedAtOf(record, l.eventId))),
    ...careResources(facts, subject),
    ...provenanceResources(record, amendments),
  ];
}

function patientResource(facts: PatientFacts): FhirResource {
  const enrolment = facts.enrolment!;
  const death = facts.deaths[0];
  const extension: Extension[] = [
    { url: EXTENSION.researchAuthorization, valueCode: enrolment.researchAuthorization },
    { url: EXTENSION.treatmentHistory, valueCode: enrolment.treatmentHistory },
  ];
  if (death?.cause) extension.push({ url: EXTENSION.causeOfDeath, valueString: death.cause });
  return {
    resourceType: 'Patient',
    id: ids.patient(enrolment.patientId),
    extension,
    identifier: [{ system: IDENTIFIER.patient, value: enrolment.patientId }],
    gender: enrolment.sex,
    ...(enrolment.birthDate ? { birthDate: enrolment.birthDate } : {}),
    ...(death ? { deceasedDateTime: death.diedOn } : {}),
  };
}

const recordedAtOf = (record: PatientRecord, eventId: string): string => entriesOf(record).find((e) => e.eventId === eventId)!.recordedAt;

type Diagnosis = PatientFacts['diagnoses'][number];
type Lesion = PatientFacts['lesions'][number];
type Subject = { reference: string };

/** recordedDate: when the registry recorded the diagnosis (record time), onset: when it was made. */
function diagnosisResource(pid: string, subject: Subject, d: Diagnosis, recordedAt: string): FhirResource {
  const extension: Extension[] = [
    ...(d.subtype === null ? [] : [{ url: EXTENSION.subtype, valueCode: d.subtype }]),
    ...d.components.map((c) => ({ url: EXTENSION.component, valueCode: c })),
  ];
  // a subtype with its own ICD-10 code (juvenile dermatomyositis) replaces the condition's
  const specific = d.subtype === null ? undefined : SUBTYPE_ICD10[d.subtype];
  const coding = codings(CONDITION_CODES, LOCAL.condition, d.condition).map((c) => (specific && c.system === ICD10 ? specific : c));
  return {
    resourceType: 'Condition',
    id: ids.diagnosis(pid, d.diagnosisId),
    ...(extension.length ? { extension } : {}),
    identifier: [{ system: IDENTIFIER.diagnosis, value: d.diagnosisId }],
    ...(d.confirmedBy.length ? { verificationStatus: { coding: [{ system: CONDITION_VER_STATUS, code: 'confirmed' }] } } : {}),
    code: { coding, text: d.subtype === null ? d.condition : `${d.condition} (${d.subtype})` },
    subject,
    onsetDateTime: d.diagnosedOn,
    recordedDate: recordedAt,
    ...(d.confirmedBy.length ? { evidence: d.confirmedBy.map((m) => ({ code: [{ coding: codings(CONFIRMATION_CODES, LOCAL.confirmation, m), text: m }] })) } : {}),
  };
}

function lesionResource(pid: string, subject: Subject, l: Lesion, recordedAt: string): FhirResource {
  const extension: Extension[] = [
    ...(l.ulcerated === null ? [] : [{ url: EXTENSION.ulcerated, valueBoolean: l.ulcerated }]),
    ...(l.painful === null ? [] : [{ url: EXTENSION.painful, valueBoolean: l.painful }]),
  ];
  return {
    resourceType: 'Condition',
    id: ids.lesion(pid, l.lesionId),
    ...(extension.length ? { extension } : {}),
    identifier: [{ system: IDENTIFIER.lesion, value: l.lesionId }],
    code: { coding: [{ system: LOCAL.lesion, code: LESION_CODE, display: 'Calcinosis cutis lesion (one deposit at one site)' }] },
    bodySite: [{ coding: codings(SITE_CODES, LOCAL.site, l.site), text: l.site }],
    subject,
    onsetDateTime: l.onsetOn,
    recordedDate: recordedAt,
  };
}
