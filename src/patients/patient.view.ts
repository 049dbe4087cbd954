/** The patient as the record stands now (corrections applied, retractions left out), for GET /patients/:id. */
import type { PatientRecord } from './patient.record';
import { entryOf } from './patient.record';
import { liveFacts } from './patient.facts';

export function patientView(record: PatientRecord) {
  const facts = liveFacts(record);
  const corrections = (eventId: string) => entryOf(record, eventId)!.corrections.length;
  const withMeta = <T extends { eventId: string }>(fact: T) => ({ ...fact, corrections: corrections(fact.eventId) });
  return {
    ...withMeta(facts.enrolment!),
    diagnoses: facts.diagnoses.map(withMeta),
    lesions: facts.lesions.map(withMeta),
    treatments: facts.treatments.map((t) => {
      const stop = facts.stops.find((s) => s.treatmentId === t.treatmentId);
      return {
        ...withMeta(t),
        stoppedOn: stop?.stoppedOn ?? null,
        stopReason: stop?.reason ?? null,
        stopEventId: stop?.eventId ?? null,
        responses: facts.responses.filter((r) => r.treatmentId === t.treatmentId).map(withMeta),
      };
    }),
    contacts: facts.contacts.map(withMeta),
    death: facts.deaths[0] ? withMeta(facts.deaths[0]) : null,
    retractedEventIds: record.entries.filter((e) => e.retracted).map((e) => e.eventId),
  };
}

export type PatientView = ReturnType<typeof patientView>;
