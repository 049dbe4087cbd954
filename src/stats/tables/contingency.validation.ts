/**
 * Checks a two-way table of counts (rows of equal length, whole numbers >= 0, at least 2 x 2) and
 * returns its margins. Complexity O(rc).
 */
export function contingencyMargins(table: readonly (readonly number[])[]): { rowSums: number[]; colSums: number[]; total: number } {
  if (!Array.isArray(table) || table.length < 2) throw new RangeError('a contingency table needs at least 2 rows');
  const nc = table[0].length;
  if (nc < 2) throw new RangeError('a contingency table needs at least 2 columns');
  const rowSums = table.map((row, i) => {
    if (row.length !== nc) throw new RangeError(`row ${i + 1} has ${row.length} cells, row 1 has ${nc}`);
    return row.reduce((s: number, v: number, j: number) => {
      if (!Number.isInteger(v) || v < 0) throw new RangeError(`cell [${i + 1}, ${j + 1}] is not a whole number >= 0 (${v})`);
      return s + v;
    }, 0);
  });
  const colSums = Array.from({ length: nc }, (_, j) => table.reduce((s, row) => s + row[j], 0));
  const total = rowSums.reduce((s, v) => s + v, 0);
  if (total === 0) throw new RangeError('all cells of the table are 0');
  return { rowSums, colSums, total };
}
