/**
 * Ranks with ties given their average rank (R: `rank(x)`, ties.method = "average"), and the sizes of
 * the tie groups, which the tie corrections need. O(n log n).
 * @example averageRanks([10, 20, 20, 30]) gives ranks [1, 2.5, 2.5, 4] and ties [1, 2, 1]
 */
export function averageRanks(values: readonly number[]): { ranks: Float64Array; ties: number[] } {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  const ties: number[] = [];
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    const rank = (start + 1 + end) / 2;
    for (let i = start; i < end; i++) ranks[order[i]] = rank;
    ties.push(end - start);
    start = end;
  }
  return { ranks, ties };
}
