/**
 * Treatment courses, response grades and contacts of one patient as FHIR R4 resources (pure): a
 * medical course is a MedicationStatement, a surgical one a Procedure (the spec's `category`), each
 * with its period (start, and stop when stopped); a grade is an Observation whose focus is its course;
 * a contact is a finished Encounter of one day.
 */
import type { PatientFacts } from '../patients/patient.facts';
import { AGENT_CODES, CONTACT_CODE, EXTENSION, IDENTIFIER, LOCAL, RESPONSE_CODE, codings } from './fhir.codes';
import { ids, sortedBy } from './fhir.ids';
import type { Extension, FhirResource, Quantity } from './fhir.types';

type Course = PatientFacts['treatments'][number];
type Stop = PatientFacts['stops'][number];
type Subject = { reference: string };

/** The resource type of a course: what its category makes it. */
export const courseType = (category: string): 'MedicationStatement' | 'Procedure' => (category === 'surgical' ? 'Procedure' : 'MedicationStatement');

export function careResources(facts: PatientFacts, subject: Subject): FhirResource[] {
  const pid = facts.enrolment!.patientId;
  const courseRef = new Map(facts.treatments.map((t) => [t.treatmentId, `${courseType(t.category)}/${ids.treatment(pid, t.treatmentId)}`]));
  const courses = sortedBy(facts.treatments, (t) => `${t.startedOn}|${t.treatmentId}`).map((t) =>
    courseResource(pid, subject, t, facts.stops.find((s) => s.treatmentId === t.treatmentId)),
  );
  const grades = sortedBy(facts.responses, (r) => `${r.assessedOn}|${r.treatmentId}`).map((r) => ({
    resourceType: 'Observation',
    id: ids.response(pid, r.treatmentId, r.assessedOn),
    status: 'final',
    code: { coding: [{ system: LOCAL.observation, code: RESPONSE_CODE, display: 'Response of calcinosis cutis to a treatment course' }] },
    subject,
    focus: [{ reference: courseRef.get(r.treatmentId) ?? `MedicationStatement/${ids.treatment(pid, r.treatmentId)}` }],
    effectiveDateTime: r.assessedOn,
    valueCodeableConcept: { coding: [{ system: LOCAL.grade, code: r.grade }], text: r.grade },
  }));
  const contacts = sortedBy(facts.contacts, (c) => c.seenOn).map((c) => ({
    resourceType: 'Encounter',
    id: ids.contact(pid, c.seenOn),
    status: 'finished',
    // the record says only that the patient was known alive that day (a visit, a letter or a call)
    class: { system: LOCAL.encounterClass, code: CONTACT_CODE, display: 'Dated contact (visit, letter or call)' },
    subject,
    period: { start: c.seenOn, end: c.seenOn },
  }));
  return [...courses, ...grades, ...contacts];
}

function courseResource(pid: string, subject: Subject, t: Course, stop: Stop | undefined): FhirResource {
  const type = courseType(t.category);
  const period = { start: t.startedOn, ...(stop ? { end: stop.stoppedOn } : {}) };
  const dose: Quantity | null = t.dose === null && t.doseUnit === null ? null : { ...(t.dose === null ? {} : { value: t.dose }), ...(t.doseUnit === null ? {} : { unit: t.doseUnit }) };
  const code = { coding: codings(AGENT_CODES, LOCAL.agent, t.agent), text: t.agent };
  const common = {
    resourceType: type,
    id: ids.treatment(pid, t.treatmentId),
    identifier: [{ system: IDENTIFIER.treatment, value: t.treatmentId }],
  };
  const reasons = {
    reasonCode: [{ coding: [{ system: LOCAL.indication, code: t.indication }], text: t.indication }],
    // the lesions the course targets; none listed means all of them
    ...(t.lesionIds.length ? { reasonReference: t.lesionIds.map((l) => ({ reference: `Condition/${ids.lesion(pid, l)}` })) } : {}),
  };
  if (type === 'MedicationStatement') {
    return {
      ...common,
      status: stop ? 'completed' : 'active',
      ...(stop?.reason ? { statusReason: [{ text: stop.reason }] } : {}),
      medicationCodeableConcept: code,
      subject,
      effectivePeriod: period,
      ...reasons,
      ...(dose ? { dosage: [{ doseAndRate: [{ doseQuantity: dose }] }] } : {}),
    };
  }
  // Procedure has no dosage: a dose recorded on a surgical course travels in an extension
  const extension: Extension[] = dose ? [{ url: EXTENSION.dose, valueQuantity: dose }] : [];
  return {
    ...common,
    ...(extension.length ? { extension } : {}),
    status: stop ? 'completed' : 'in-progress',
    ...(stop?.reason ? { statusReason: { text: stop.reason } } : {}),
    code,
    subject,
    performedPeriod: period,
    ...reasons,
  };
}
