/**
 * Which payload fields identify a patient and are therefore stored encrypted with the patient's data
 * key, and what reads in their place once the key is shredded. Clinical dates and codes stay in clear
 * so that an erased patient's facts remain usable in anonymous form (docs/erasure.md says why).
 * Free text is encrypted wherever it occurs: a cause of death or a reason may name anyone.
 */
import { anonymousIdOf, ERASED_TEXT } from '../patients/patient.erasure';

/** An encrypted field as it is stored: the hash chain covers this, so it verifies after the shred. */
export interface SealedValue {
  $enc: string;
}

export const isSealed = (value: unknown): value is SealedValue =>
  typeof value === 'object' && value !== null && typeof (value as SealedValue).$enc === 'string';

/** Fields of each event type's payload that are encrypted (EntryCorrected: also inside `changes`). */
export const IDENTIFYING_FIELDS: Readonly<Record<string, readonly string[]>> = {
  PatientEnrolled: ['patientId', 'birthDate'],
  DeathRecorded: ['cause'],
  TreatmentStopped: ['reason'],
  ResearchAuthorizationChanged: ['reason'],
  EntryCorrected: ['reason'],
  EntryRetracted: ['reason'],
  IdentityErased: ['reason'],
};

/** Fields that a correction may change and that identify: their new values are encrypted too. */
export const IDENTIFYING_CHANGES: readonly string[] = ['birthDate', 'cause', 'reason'];

/** What a shredded field reads as: the anonymous id, no birth date (null), or the erased-text marker. */
export function placeholderOf(field: string, streamKey: string): unknown {
  if (field === 'patientId') return anonymousIdOf(streamKey);
  if (field === 'birthDate') return null;
  return ERASED_TEXT;
}
