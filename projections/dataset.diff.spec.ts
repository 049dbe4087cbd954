import fc from 'fast-check';
import { emptyCohort, foldCohort } from './cohort.fold';
import { DATASETS } from './dataset.registry';
import { diffDataset, patientsToCompare, rowKeyColumns } from './dataset.diff';
import { histories } from './histories.specification';
import type { Projection, Row } from './projection';
import { jsonRows } from './row.format';

/** Applies a diff to the rows of the earlier state, the way an auditor reads it. */
function patched(projection: Projection, rows: Row[], diff: ReturnType<typeof diffDataset>): Row[] {
  const keys = rowKeyColumns(projection);
  const keyOf = (row: Row) => keys.map((k) => String(row[k])).join('|');
  const out = rows.map((row) => ({ ...row }));
  // a key may repeat (see dataset.diff.ts): removals and changes then apply to its occurrences in order
  for (const row of diff.removed) out.splice(out.findIndex((r) => keyOf(r) === keyOf(row) && JSON.stringify(r) === JSON.stringify(row)), 1);
  out.push(...diff.added);
  for (const { key, changes } of diff.changed) {
    const target = out.find((r) => keyOf(r) === keyOf(key) && changes.every((c) => r[c.column] === c.before));
    for (const c of changes) target![c.column] = c.after;
  }
  return sortedRows(projection, out);
}

const sortedRows = (projection: Projection, rows: Row[]) => {
  const keys = rowKeyColumns(projection);
  const keyOf = (row: Row) => `${keys.map((k) => String(row[k])).join('|')}|${JSON.stringify(row)}`;
  return [...rows].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
};

describe('dataset diff', () => {
  it('keys rows by patient and by course or interval where the grain has one', () => {
    expect(Object.fromEntries(DATASETS.map((d) => [d.name, rowKeyColumns(d)]))).toMatchObject({
      patients: ['patient_id'],
      survival: ['patient_id'],
      treatments: ['patient_id', 'treatment_id'],
      'survival-counting': ['patient_id', 'interval'],
    });
  });

  it('over the patients whose records differ only, turns the rows of a prefix of the log into the rows of the whole log', () => {
    fc.assert(
      fc.property(histories(), fc.nat(), (events, k) => {
        const split = k % (events.length + 1);
        const before = foldCohort(emptyCohort(), events.slice(0, split));
        const after = foldCohort(before, events.slice(split));
        const touched = new Set(events.slice(split).map((e) => e.patientId));
        const compared = patientsToCompare(before, after);
        expect(compared.every((id) => touched.has(id))).toBe(true);
        for (const projection of DATASETS) {
          const diff = diffDataset(projection, before, after, compared);
          const old = jsonRows(projection.columns, projection.rows(before, {}));
          const now = jsonRows(projection.columns, projection.rows(after, {}));
          expect(patched(projection, old, diff)).toEqual(sortedRows(projection, now));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('finds nothing between a state and itself', () => {
    const state = foldCohort(emptyCohort(), []);
    expect(diffDataset(DATASETS[0], state, state, [])).toEqual({ added: [], removed: [], changed: [] });
  });
});
