/**
 * AES-256-GCM for one payload field: {"$enc": "v1:<iv>:<ciphertext>:<tag>"} (base64url), the plaintext
 * being the field's JSON value. The additional data binds a ciphertext to its event and field, so it
 * cannot be moved to another event or field and read there. A 96-bit random IV per field.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedValue } from './identifyingFields';

const VERSION = 'v1';

const aad = (eventId: string, field: string) => Buffer.from(`${eventId}/${field}`, 'utf8');

export function seal(key: Buffer, eventId: string, field: string, value: unknown): SealedValue {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(eventId, field));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value) ?? 'null', 'utf8'), cipher.final()]);
  const parts = [iv, ciphertext, cipher.getAuthTag()].map((b) => b.toString('base64url'));
  return { $enc: [VERSION, ...parts].join(':') };
}

/** Throws when the ciphertext was altered or belongs to another event or field (GCM authentication). */
export function open(key: Buffer, eventId: string, field: string, sealed: SealedValue): unknown {
  const [version, iv, ciphertext, tag] = sealed.$enc.split(':');
  if (version !== VERSION || tag === undefined) throw new Error(`event ${eventId}: ${field} is sealed in an unknown format`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(aad(eventId, field));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  const plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
  return JSON.parse(plaintext.toString('utf8'));
}
