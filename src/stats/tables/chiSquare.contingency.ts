import { pchisq } from '../distributions/chiSquare.distribution';
import { contingencyMargins } from './contingency.validation';

export interface ChiSquareTestResult {
  statistic: number;
  df: number;
  pvalue: number;
  /** expected counts under independence, row sum x column sum / n */
  expected: number[][];
  /** true when Yates' continuity correction was applied (2 x 2 with correct = true) */
  corrected: boolean;
  /** R warns "Chi-squared approximation may be incorrect" when an expected count is below 5 */
  approximationWarning: boolean;
}

/**
 * Pearson's chi-square test of independence for an r x c table, as `chisq.test(x, correct = TRUE)`:
 * X² = Σ (|O - E| - Y)² / E with E = row·col/n and, for a 2 x 2 table when `correct`, Yates'
 * correction Y = min(0.5, min |O - E|) (else Y = 0); df = (r - 1)(c - 1); p from chi-square.
 * A zero row or column total makes E = 0 (R returns NaN): RangeError here.
 *
 * Reference: R `chisq.test` (stats, R 4.2); Yates (1934). Complexity O(rc).
 * @example chiSquareTest([[10, 20], [20, 10]]) gives X² = 5.4 (|O-E| = 5, (4.5²/15)·4), df 1, p 0.02013675155034633
 */
export function chiSquareTest(table: readonly (readonly number[])[], options: { correct?: boolean } = {}): ChiSquareTestResult {
  const { rowSums, colSums, total } = contingencyMargins(table);
  if (rowSums.some((s) => s === 0) || colSums.some((s) => s === 0)) {
    throw new RangeError('a row or column total is 0: expected counts of 0 make the chi-square test undefined');
  }
  const expected = rowSums.map((r) => colSums.map((c) => (r * c) / total));
  const twoByTwo = table.length === 2 && colSums.length === 2;
  let yates = 0;
  if ((options.correct ?? true) && twoByTwo) {
    yates = 0.5;
    table.forEach((row, i) => row.forEach((o, j) => (yates = Math.min(yates, Math.abs(o - expected[i][j])))));
  }
  let statistic = 0;
  table.forEach((row, i) =>
    row.forEach((o, j) => {
      const e = expected[i][j];
      statistic += (Math.abs(o - e) - yates) ** 2 / e;
    }),
  );
  const df = (rowSums.length - 1) * (colSums.length - 1);
  return {
    statistic,
    df,
    pvalue: pchisq(statistic, df, false),
    expected,
    corrected: yates > 0,
    approximationWarning: expected.some((row) => row.some((e) => e < 5)),
  };
}
