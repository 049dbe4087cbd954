/**
 * Seals and opens the identifying fields of one event's payload (identifyingFields.ts) with the data
 * key of its patient. Pure apart from the random IV; no store, no vault.
 */
import { open, seal } from './fieldCipher';
import { IDENTIFYING_CHANGES, IDENTIFYING_FIELDS, isSealed, placeholderOf } from './identifyingFields';

type Payload = Record<string, unknown>;

const fieldsOf = (type: string) => IDENTIFYING_FIELDS[type];

export function sealPayload(type: string, eventId: string, data: unknown, key: Buffer): unknown {
  const fields = fieldsOf(type);
  if (fields === undefined || typeof data !== 'object' || data === null) return data;
  const sealed: Payload = { ...(data as Payload) };
  for (const field of fields) if (field in sealed && !isSealed(sealed[field])) sealed[field] = seal(key, eventId, field, sealed[field]);
  if (type === 'EntryCorrected' && typeof sealed.changes === 'object' && sealed.changes !== null) {
    const changes: Payload = { ...(sealed.changes as Payload) };
    for (const field of IDENTIFYING_CHANGES) if (field in changes) changes[field] = seal(key, eventId, `changes.${field}`, changes[field]);
    sealed.changes = changes;
  }
  return sealed;
}

/** The payload in clear; a sealed field whose key is gone (null) reads as its placeholder. */
export function openPayload(type: string, eventId: string, data: unknown, key: Buffer | null, streamKey: string): unknown {
  const fields = fieldsOf(type);
  if (fields === undefined || typeof data !== 'object' || data === null) return data;
  const read = (field: string, value: unknown) =>
    !isSealed(value) ? value : key === null ? placeholderOf(field.replace(/^changes\./, ''), streamKey) : open(key, eventId, field, value);
  const opened: Payload = { ...(data as Payload) };
  for (const field of fields) if (field in opened) opened[field] = read(field, opened[field]);
  if (type === 'EntryCorrected' && typeof opened.changes === 'object' && opened.changes !== null) {
    const changes: Payload = { ...(opened.changes as Payload) };
    for (const field of Object.keys(changes)) changes[field] = read(`changes.${field}`, changes[field]);
    opened.changes = changes;
  }
  return opened;
}

/** True when a payload holds a sealed field (a cheap test, used to skip events that need no key). */
export const hasSealedField = (type: string, data: unknown): boolean =>
  fieldsOf(type) !== undefined && typeof data === 'object' && data !== null &&
  (Object.values(data as Payload).some(isSealed) || (type === 'EntryCorrected' && Object.values(((data as Payload).changes ?? {}) as Payload).some(isSealed)));
