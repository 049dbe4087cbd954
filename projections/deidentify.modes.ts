/**
 * The ways a dataset can be de-identified, chosen per request: `safe-harbor` (deidentify.ts: years
 * only, old ages pooled) or `limited-data-set` (limitedDataSet.ts: each patient's dates moved by one
 * keyed offset). Both replace patient ids with the same keyed pseudonyms and keep durations exact.
 * De-identified rows are ordered by pseudonym (a stable sort keeps each patient's rows in order):
 * rows in the order of the real registry ids would let anyone who knows the list of ids match them to
 * pseudonyms.
 */
import type { Column, Projection, Row } from './projection';
import { byCodeUnits } from './projection';
import { deidentifiedColumns, deidentifyRows, type Deidentification } from './deidentify';
import { limitedDataSetColumns, limitedDataSetRows, type DateShifting } from './limitedDataSet';

export const DEIDENTIFY_MODES = ['safe-harbor', 'limited-data-set'] as const;
export type DeidentifyMode = (typeof DEIDENTIFY_MODES)[number];

/** What the shell keys a de-identified answer with (pseudonyms, offsets and the reference year). */
export type DeidentifyKeys = Deidentification & DateShifting;

export function deidentifyColumns(mode: DeidentifyMode, projection: Projection): Column[] {
  return mode === 'safe-harbor' ? deidentifiedColumns(projection) : limitedDataSetColumns(projection);
}

export function deidentifyRowsAs(mode: DeidentifyMode, projection: Projection, rows: readonly Row[], keys: DeidentifyKeys): Row[] {
  const id = (row: Row) => (typeof row.patient_id === 'string' ? row.patient_id : '');
  const deidentified = mode === 'safe-harbor' ? deidentifyRows(projection, rows, keys) : limitedDataSetRows(projection, rows, keys);
  return deidentified.sort((a, b) => byCodeUnits(id(a), id(b)));
}
