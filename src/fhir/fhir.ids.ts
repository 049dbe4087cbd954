/**
 * Resource ids that follow from the facts themselves (not from event ids), so that exporting the same
 * record twice, or exporting it again after a round trip through another store, gives the same ids.
 * FHIR ids are 1-64 of [A-Za-z0-9-.]: parts made of letters, digits and '-' are joined with '.', which
 * therefore only ever separates parts; anything else (or too long) becomes a digest of the parts.
 */
import { createHash } from 'node:crypto';

const PART = /^[A-Za-z0-9-]+$/;
const MAX_ID = 64;

export function fhirId(...parts: string[]): string {
  const readable = parts.join('.');
  if (parts.every((p) => PART.test(p)) && readable.length <= MAX_ID) return readable;
  return `h${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 40)}`;
}

/** The ids of each kind of resource of one patient. */
export const ids = {
  patient: (patientId: string) => fhirId(patientId),
  diagnosis: (patientId: string, diagnosisId: string) => fhirId(patientId, 'dx', diagnosisId),
  lesion: (patientId: string, lesionId: string) => fhirId(patientId, 'lesion', lesionId),
  treatment: (patientId: string, treatmentId: string) => fhirId(patientId, 'tx', treatmentId),
  response: (patientId: string, treatmentId: string, assessedOn: string) => fhirId(patientId, 'response', treatmentId, assessedOn),
  contact: (patientId: string, seenOn: string) => fhirId(patientId, 'contact', seenOn),
  provenance: (patientId: string, eventId: string) => fhirId(patientId, 'prov', eventId),
};

/** Text in UTF-16 code-unit order, as the CSV export sorts, so both exports list facts alike. */
export const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
export const sortedBy = <T>(items: readonly T[], key: (item: T) => string): T[] => [...items].sort((a, b) => byCodeUnits(key(a), key(b)));
