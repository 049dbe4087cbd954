/**
 * Keyed pseudonyms for de-identified data: HMAC-SHA256 of the patient id with the installation secret,
 * so the same patient has the same pseudonym in every export of this installation, and nobody without
 * the secret can recompute or reverse it (a plain hash of a registry id could be brute-forced).
 */
import { createHmac } from 'node:crypto';

export const pseudonymizer =
  (secret: Buffer) =>
  (patientId: string): string =>
    `P-${createHmac('sha256', secret).update(patientId).digest('hex').slice(0, 20)}`;
