/**
 * Solve V x = b for a symmetric non-negative definite V (the log-rank variance matrix), with a
 * generalized inverse when V is singular: a Cholesky decomposition (LDL') that drops a pivot smaller
 * than `tolerance` times the largest diagonal element, and sets that component of x to 0. This is how
 * survival's own cholesky2/chsolve2 behave; where V has full rank the result equals R's solve() (LU)
 * to rounding. Returns the solution and the rank (the degrees of freedom of x'Vx).
 *
 * Reference: survival C `cholesky2`, `chsolve2`; Golub & Van Loan §4.2. Complexity O(k³).
 * @example solveSymmetric([[2, 1], [1, 2]], [1, 1]) gives { x: [1/3, 1/3], rank: 2 }
 */
export function solveSymmetric(v: readonly (readonly number[])[], b: readonly number[], tolerance = 1e-9): { x: number[]; rank: number } {
  const k = b.length;
  const m = v.map((row) => [...row]);
  let largest = 0;
  for (let i = 0; i < k; i++) largest = Math.max(largest, Math.abs(m[i][i]));
  const eps = largest * tolerance;
  const kept: boolean[] = new Array(k).fill(false);
  let rank = 0;
  // LDL': m[i][i] holds D, the strict lower triangle holds L
  for (let i = 0; i < k; i++) {
    const pivot = m[i][i];
    if (!(pivot > eps)) {
      for (let j = i; j < k; j++) m[j][i] = 0;
      continue;
    }
    kept[i] = true;
    rank++;
    for (let j = i + 1; j < k; j++) {
      const factor = m[j][i] / pivot;
      m[j][i] = factor;
      for (let l = i + 1; l <= j; l++) m[j][l] -= factor * m[l][i] * pivot;
    }
  }
  // forward: L y = b; then D; then back: L' x = z
  const x = [...b];
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) x[i] -= m[i][j] * x[j];
  for (let i = 0; i < k; i++) x[i] = kept[i] ? x[i] / m[i][i] : 0;
  for (let i = k - 1; i >= 0; i--) for (let j = i + 1; j < k; j++) x[i] -= m[j][i] * x[j];
  for (let i = 0; i < k; i++) if (!kept[i]) x[i] = 0;
  return { x, rank };
}
