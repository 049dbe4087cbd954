/**
 * Erasure in the record: once a patient's identity is erased (IdentityErased), the record holds no
 * registry id, birth date or free text any more, whatever it held before. A read model that folded the
 * plaintext while the data key existed thus drops it at the erasure event, and a rebuild after the key
 * is shredded (which reads placeholders) reaches the same record: incremental = rebuild.
 */
import type { IdentityErased } from './patient.events';
import type { PatientRecord } from './patient.record';

export type ErasureMode = 'anonymous' | 'exclude';
export const ERASURE_MODES: readonly ErasureMode[] = ['anonymous', 'exclude'];

/** Stands for erased free text (a cause, a reason): visibly not a value anyone recorded. */
export const ERASED_TEXT = '[erased]';
/** The id an erased patient goes by: from its opaque stream key, which nothing links to the registry id. */
export const anonymousIdOf = (streamKey: string) => `erased-${streamKey}`;
export const ANONYMOUS_ID = /^erased-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * Every identifying value in the record, wherever the record keeps it (the effective payload, the
 * payload as first recorded, the changes of each correction): the record's layout may change, the
 * names of identifying fields do not. A registry id becomes the anonymous id, a birth date null, free
 * text (a cause, a reason) the erased-text marker; null stays null, every other value is kept.
 */
function scrubbed(value: unknown, erasure: IdentityErased['data']): unknown {
  if (Array.isArray(value)) return value.map((item) => scrubbed(item, erasure));
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [field, inner] of Object.entries(value)) {
    if (field === 'patientId' && typeof inner === 'string') copy[field] = erasure.anonymousId;
    else if (field === 'birthDate') copy[field] = null;
    else if ((field === 'cause' || field === 'reason') && typeof inner === 'string') copy[field] = ERASED_TEXT;
    else if (field === 'researchAuthorization' && erasure.mode === 'exclude' && inner !== null) copy[field] = 'denied';
    else copy[field] = scrubbed(inner, erasure);
  }
  return copy;
}

/**
 * The record after the erasure. `exclude` denies research authorization in every stamp the record
 * keeps (the enrolment, each change), so the patient leaves every dataset at every knowledge cut,
 * earlier ones included, the way a patient who never granted it is left out.
 */
export function eraseRecord(record: PatientRecord, event: IdentityErased): PatientRecord {
  return { ...(scrubbed(record, event.data) as PatientRecord), patientId: event.data.anonymousId, erased: event.data.mode };
}
