/**
 * The descriptive summary the seed study's tables print for a continuous variable: n, mean, median
 * and range. Definitions as R's mean(), median() (the mean of the two middle values for an even n) and
 * range(). O(n log n) for the sort. Example (checked in the spec): [10, 1, 3, 2] -> n 4, mean 4,
 * median 2.5, min 1, max 10.
 */
export interface NumericSummary {
  n: number;
  mean: number;
  median: number;
  min: number;
  max: number;
}

/** null for no values: a mean of nothing does not exist. Throws RangeError for a non-finite value. */
export function numericSummary(values: readonly number[]): NumericSummary | null {
  if (values.some((v) => !Number.isFinite(v))) throw new RangeError('numericSummary: every value must be a finite number');
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const middle = Math.floor(n / 2);
  return {
    n,
    mean: sorted.reduce((sum, v) => sum + v, 0) / n,
    median: n % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2,
    min: sorted[0],
    max: sorted[n - 1],
  };
}
