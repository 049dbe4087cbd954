/**
 * How a dataset changed between two knowledge cuts: rows added, removed and changed (cell by cell),
 * keyed by the dataset's row key. Pure: it is handed the two cohort states and the patients to look
 * at, so the shell can restrict it to the patients whose records differ instead of every row of the
 * registry (a dataset's rows of one patient depend only on that patient's record).
 */
import type { IsoDate } from '../src/shared/dates';
import type { CohortState } from './cohort.fold';
import type { Cell, Projection, Row } from './projection';
import { formatCell, jsonCell } from './row.format';

/** Columns that, after patient_id, tell two rows of one patient apart (per course, per interval). */
const SUB_KEYS = ['treatment_id', 'lesion_id', 'interval'];

export interface CellChange {
  column: string;
  before: Cell;
  after: Cell;
}

export interface RowDiff {
  added: Row[];
  removed: Row[];
  changed: { key: Row; changes: CellChange[] }[];
}

export function rowKeyColumns(projection: Projection): string[] {
  const names = projection.columns.map((c) => c.name);
  return ['patient_id', ...SUB_KEYS.filter((k) => names.includes(k))];
}

/**
 * Patients whose records are not the very same object in both states: the read model hands out one
 * shared record for a patient wholly inside both cuts, so these are the only ones that can differ.
 */
export function patientsToCompare(before: CohortState, after: CohortState): string[] {
  const ids = new Set<string>();
  for (const [id, record] of before.records) if (after.records.get(id) !== record) ids.add(id);
  for (const id of after.records.keys()) if (!before.records.has(id)) ids.add(id);
  return [...ids].sort();
}

const only = (state: CohortState, ids: readonly string[]): CohortState => ({
  ...state,
  records: new Map(ids.flatMap((id) => (state.records.has(id) ? [[id, state.records.get(id)!] as const] : []))),
});

/** The rows of `patientIds` in both states, compared by their canonical text (as the CSV and its SHA-256 see them). */
export function diffDataset(projection: Projection, before: CohortState, after: CohortState, patientIds: readonly string[], asOf?: IsoDate): RowDiff {
  const keyColumns = rowKeyColumns(projection);
  const keyOf = (row: Row) => keyColumns.map((k) => String(row[k])).join('\u0000');
  // A key repeated within one state (facts the decider would refuse, e.g. a course id used twice) is
  // told apart by its occurrence, so no row is silently lost from the diff.
  const index = (state: CohortState) => {
    const seen = new Map<string, number>();
    return new Map(
      projection.rows(only(state, patientIds), { asOf }).map((row) => {
        const key = keyOf(row);
        const n = (seen.get(key) ?? 0) + 1;
        seen.set(key, n);
        return [n === 1 ? key : `${key}\u0000#${n}`, row] as const;
      }),
    );
  };
  const old = index(before);
  const now = index(after);
  const json = (row: Row) => Object.fromEntries(projection.columns.map((c) => [c.name, jsonCell(c.type, row[c.name])]));
  const diff: RowDiff = { added: [], removed: [], changed: [] };
  for (const [key, row] of old) if (!now.has(key)) diff.removed.push(json(row));
  for (const [key, row] of now) {
    const previous = old.get(key);
    if (previous === undefined) {
      diff.added.push(json(row));
      continue;
    }
    const changes = projection.columns
      .filter((c) => formatCell(c.type, previous[c.name]) !== formatCell(c.type, row[c.name]))
      .map((c) => ({ column: c.name, before: jsonCell(c.type, previous[c.name]), after: jsonCell(c.type, row[c.name]) }));
    if (changes.length > 0) diff.changed.push({ key: Object.fromEntries(keyColumns.map((k) => [k, row[k]])), changes });
  }
  return diff;
}
