/**
 * One FHIR resource -> the facts it states, as payloads of the patient events (pure): the way back of
 * fhir.mapping.ts, element by element (docs/fhir-mapping.md). Codes go through the mapping table
 * (termOf): a code it cannot map is a problem here. Values are passed on as found; their checks
 * (dates, vocabularies) are payloadProblems', the same the API and the CSV import apply.
 */
import type { FactType } from '../import/bundle.schema';
import { GRADES } from '../patients/patient.vocabulary';
import { AGENT_CODES, CONDITION_CODES, CONFIRMATION_CODES, EXTENSION, IDENTIFIER, LOCAL, RESPONSE_CODE, SITE_CODES, termOf, type Lookup } from './fhir.codes';
import type { LocatedResource } from './fhir.read';

export interface ReadFacts {
  facts: { type: FactType; data: Record<string, unknown> }[];
  problems: { path: string; reason: string }[];
}

/** Finds the resource a Reference points to among those imported (null: not there). */
export type Resolve = (reference: unknown) => LocatedResource | null;

type R = Record<string, unknown>;
const obj = (v: unknown): R => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as R) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const extensions = (r: R, url: string): R[] => list(r.extension).map(obj).filter((e) => e.url === url);
/** An identifier's value of one system, or undefined (payloadProblems then names it). */
export const identifierOf = (r: R, system: string): unknown => list(r.identifier).map(obj).find((i) => i.system === system)?.value;
const codingsOf = (concept: unknown): unknown => obj(concept).coding;
/** A course's grades and targets belong to the same patient: the same subject reference. */
const sameSubject = (a: R, b: R): boolean => obj(a.subject).reference === obj(b.subject).reference;

/** Reads each element with a lookup; collects the problems and the terms. */
function reader() {
  const problems: ReadFacts['problems'] = [];
  const term = (path: string, lookup: Lookup): string | undefined => {
    if ('term' in lookup) return lookup.term;
    problems.push({ path, reason: lookup.problem });
    return undefined;
  };
  return { problems, term };
}

export function readPatient(r: R): ReadFacts {
  const single = (url: string) => extensions(r, url)[0];
  const enrolment = {
    patientId: identifierOf(r, IDENTIFIER.patient),
    sex: r.gender,
    birthDate: r.birthDate,
    researchAuthorization: single(EXTENSION.researchAuthorization)?.valueCode,
    treatmentHistory: single(EXTENSION.treatmentHistory)?.valueCode,
  };
  const facts: ReadFacts['facts'] = [{ type: 'PatientEnrolled', data: enrolment }];
  const cause = single(EXTENSION.causeOfDeath)?.valueString ?? null;
  if (r.deceasedDateTime !== undefined) facts.push({ type: 'DeathRecorded', data: { diedOn: r.deceasedDateTime, cause } });
  const problems = r.deceasedBoolean === true ? [{ path: 'deceasedBoolean', reason: 'a death needs its date: give deceasedDateTime' }] : [];
  return { facts, problems };
}

/** A Condition is a diagnosis or a lesion, told by the system of its identifier. */
export function readCondition(r: R): ReadFacts {
  const { problems, term } = reader();
  if (identifierOf(r, IDENTIFIER.lesion) !== undefined) {
    const lesion = {
      lesionId: identifierOf(r, IDENTIFIER.lesion),
      site: term('bodySite', termOf(SITE_CODES, LOCAL.site, codingsOf(list(r.bodySite)[0]))),
      onsetOn: r.onsetDateTime,
      ulcerated: extensions(r, EXTENSION.ulcerated)[0]?.valueBoolean ?? null,
      painful: extensions(r, EXTENSION.painful)[0]?.valueBoolean ?? null,
    };
    return { facts: problems.length ? [] : [{ type: 'LesionOnsetRecorded', data: lesion }], problems };
  }
  if (identifierOf(r, IDENTIFIER.diagnosis) === undefined) {
    return { facts: [], problems: [{ path: 'identifier', reason: `a Condition needs an identifier of ${IDENTIFIER.diagnosis} (a diagnosis) or ${IDENTIFIER.lesion} (a lesion)` }] };
  }
  const diagnosis = {
    diagnosisId: identifierOf(r, IDENTIFIER.diagnosis),
    condition: term('code', termOf(CONDITION_CODES, LOCAL.condition, codingsOf(r.code))),
    subtype: extensions(r, EXTENSION.subtype)[0]?.valueCode ?? null,
    components: extensions(r, EXTENSION.component).map((e) => e.valueCode),
    diagnosedOn: r.onsetDateTime,
    confirmedBy: list(r.evidence).flatMap((e, i) => list(obj(e).code).map((c, j) => term(`evidence[${i}].code[${j}]`, termOf(CONFIRMATION_CODES, LOCAL.confirmation, codingsOf(c))))),
  };
  return { facts: problems.length ? [] : [{ type: 'DiagnosisRecorded', data: diagnosis }], problems };
}

/** A MedicationStatement (medical course) or a Procedure (surgical course), with its stop if it has ended. */
export function readCourse(r: R, resolve: Resolve): ReadFacts {
  const { problems, term } = reader();
  const medical = r.resourceType === 'MedicationStatement';
  const [codePath, periodPath] = medical ? ['medicationCodeableConcept', 'effectivePeriod'] : ['code', 'performedPeriod'];
  const period = obj(r[periodPath]);
  const dose = obj(medical ? obj(list(obj(list(r.dosage)[0]).doseAndRate)[0]).doseQuantity : extensions(r, EXTENSION.dose)[0]?.valueQuantity);
  const indication = list(r.reasonCode).flatMap((c) => list(codingsOf(c)).map(obj)).find((c) => c.system === LOCAL.indication)?.code;
  const lesionIds = list(r.reasonReference).map((ref, i) => {
    const target = resolve(obj(ref).reference);
    const lesionId = target && target.resource.resourceType === 'Condition' && sameSubject(target.resource, r) ? identifierOf(target.resource, IDENTIFIER.lesion) : undefined;
    if (lesionId === undefined) problems.push({ path: `reasonReference[${i}]`, reason: `${String(obj(ref).reference)} is not a lesion (Condition with a lesion identifier) of this patient in this import` });
    return lesionId;
  });
  const course = {
    treatmentId: identifierOf(r, IDENTIFIER.treatment),
    indication,
    agent: term(codePath, termOf(AGENT_CODES, LOCAL.agent, codingsOf(r[codePath]), true)),
    category: medical ? 'medical' : 'surgical',
    dose: dose.value ?? null,
    doseUnit: dose.unit ?? null,
    startedOn: period.start,
    lesionIds,
  };
  if (problems.length) return { facts: [], problems };
  const facts: ReadFacts['facts'] = [{ type: 'TreatmentStarted', data: course }];
  const reason = (medical ? obj(list(r.statusReason)[0]) : obj(r.statusReason)).text ?? null;
  if (period.end !== undefined) facts.push({ type: 'TreatmentStopped', data: { treatmentId: course.treatmentId, stoppedOn: period.end, reason } });
  return { facts, problems };
}

const GRADE_CODES = Object.fromEntries(GRADES.map((g) => [g, []]));

/** An Observation is a response grade: of the course its focus names, on its effective date. */
export function readObservation(r: R, resolve: Resolve): ReadFacts {
  const { problems, term } = reader();
  if (!list(codingsOf(r.code)).map(obj).some((c) => c.system === LOCAL.observation && c.code === RESPONSE_CODE)) {
    return { facts: [], problems: [{ path: 'code', reason: `unmapped code: the only Observation this import reads is ${LOCAL.observation}|${RESPONSE_CODE}` }] };
  }
  const focus = obj(list(r.focus)[0]).reference;
  const course = resolve(focus);
  const isCourse = course && ['MedicationStatement', 'Procedure'].includes(course.resource.resourceType as string) && sameSubject(course.resource, r);
  if (!isCourse) problems.push({ path: 'focus', reason: `${String(focus)} is not a treatment course (MedicationStatement or Procedure) of this patient in this import` });
  const grade = term('valueCodeableConcept', termOf(GRADE_CODES, LOCAL.grade, codingsOf(r.valueCodeableConcept)));
  const data = { treatmentId: isCourse ? identifierOf(course.resource, IDENTIFIER.treatment) : undefined, assessedOn: r.effectiveDateTime, grade };
  return { facts: problems.length ? [] : [{ type: 'ResponseGraded', data }], problems };
}

/**
 * An Encounter is a contact, whatever its class (any encounter shows the patient alive that day):
 * one day, its period's start (an end, if given, must be the same day).
 */
export function readEncounter(r: R): ReadFacts {
  const period = obj(r.period);
  if (period.end !== undefined && period.end !== period.start) return { facts: [], problems: [{ path: 'period.end', reason: 'a contact is one day: end must equal start' }] };
  return { facts: [{ type: 'ContactRecorded', data: { seenOn: period.start } }], problems: [] };
}
