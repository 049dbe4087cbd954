/**
 * Each patient's date offset for limited-data-set rows: HMAC-SHA256 with the installation secret over
 * "date-shift", a NUL and the patient id, turned into days by projections/limitedDataSet.ts
 * (dateShiftDays). Keyed, so nobody without the secret can compute a patient's offset and undo it;
 * stable, so the patient's dates move alike in every dataset and request. The message differs from the
 * pseudonym's (the bare patient id, which cannot hold a NUL), so a pseudonym says nothing about the offset.
 */
import { createHmac } from 'node:crypto';
import { dateShiftDays } from '../../projections/limitedDataSet';

export const dateShifter =
  (secret: Buffer) =>
  (patientId: string): number =>
    dateShiftDays(createHmac('sha256', secret).update(`date-shift\0${patientId}`).digest());
