/**
 * Limited-data-set rows (in the spirit of HIPAA's limited data set, 45 CFR 164.514(e)) of any dataset:
 * patient ids become the same keyed HMAC pseudonyms as in Safe Harbor rows, and every date of a patient
 * is moved by one offset of that patient, derived from the installation secret and the patient id, the
 * same in every dataset and every request of this installation. Shifted dates are real calendar
 * dates, and the interval between any two dates of a patient is exact: durations (follow-up, time to
 * onset, survival time, treatment duration) are those of the real dates, so survival analyses give the
 * same estimates. Columns other than dates are left as they are: ages (age_days exact; completed years
 * computed from the real dates, so recomputing them from a shifted birth date could differ by one near
 * a birthday, because shifted years differ in length), and `birth_year`, the real year (a year cannot be
 * moved by days). Ages over 89 are kept: a limited data set may hold them. Unlike Safe Harbor rows these
 * hold full dates, so they are for callers with identified access (the shell decides).
 */
import type { Column, Projection, Row } from './projection';
import { column } from './projection';
import { fromEpochDay, toEpochDay } from '../src/shared/dates';

export interface DateShifting {
  /** the keyed pseudonym of a patient id, as in Safe Harbor rows */
  pseudonym: (patientId: string) => string;
  /** the patient's offset in days, never 0 (the shell derives it with dateShiftDays from an HMAC) */
  offsetDays: (patientId: string) => number;
}

/** Offsets run over [-MAX_SHIFT, -1] and [1, MAX_SHIFT]: up to half a year either way, never none. */
export const MAX_SHIFT_DAYS = 182;

/**
 * A patient's offset from the first 4 bytes (big-endian) of a keyed digest: uniform over the 364
 * non-zero offsets in [-182, 182] up to a bias of 364 / 2^32. Zero is left out, so no patient keeps
 * the real dates. @example bytes 00 00 00 00 -> -182; 181 -> -1; 182 -> +1; 363 -> +182; 364 -> -182
 */
export function dateShiftDays(digest: Uint8Array): number {
  if (digest.length < 4) throw new RangeError('the digest needs at least 4 bytes');
  const k = ((digest[0] << 24) | (digest[1] << 16) | (digest[2] << 8) | digest[3]) >>> 0;
  const step = k % (2 * MAX_SHIFT_DAYS);
  return step < MAX_SHIFT_DAYS ? step - MAX_SHIFT_DAYS : step - MAX_SHIFT_DAYS + 1;
}

const SHIFTED = `LIMITED DATA SET: moved by the patient's offset (a keyed pseudo-random number of days in [-${MAX_SHIFT_DAYS}, ${MAX_SHIFT_DAYS}], never 0, the same for every date of the patient in every dataset of this installation); intervals between dates are exact`;

function limitedColumn(c: Column): Column {
  if (c.name === 'patient_id') return column(c.name, 'text', null, 'LIMITED DATA SET: a keyed pseudonym of the patient id (HMAC-SHA256 with the installation secret), the same as in Safe Harbor rows');
  if (c.type === 'date') return column(c.name, c.type, c.unit, `${c.definition} ${SHIFTED}`);
  if (c.name === 'birth_year') return column(c.name, c.type, c.unit, `${c.definition} LIMITED DATA SET: the real year, not shifted (ages are computed from the real dates)`);
  return c;
}

/** The dataset's columns as a limited-data-set answer has them. */
export function limitedDataSetColumns(projection: Projection): Column[] {
  return projection.columns.map(limitedColumn);
}

/** A row without a patient id has no offset: its dates are blanked rather than left real. */
export function limitedDataSetRows(projection: Projection, rows: readonly Row[], keys: DateShifting): Row[] {
  const dates = projection.columns.filter((c) => c.type === 'date').map((c) => c.name);
  const hasId = projection.columns.some((c) => c.name === 'patient_id');
  return rows.map((row) => {
    const patientId = row.patient_id;
    const offset = typeof patientId === 'string' ? keys.offsetDays(patientId) : null;
    const out: Row = { ...row };
    for (const name of dates) {
      const value = row[name];
      if (typeof value === 'string') out[name] = offset === null ? null : fromEpochDay(toEpochDay(value) + offset);
    }
    if (hasId && typeof patientId === 'string') out.patient_id = keys.pseudonym(patientId);
    return out;
  });
}
