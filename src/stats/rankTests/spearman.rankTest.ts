import { pt } from '../distributions/t.distribution';
import { assertFiniteNumbers, assertSameLength } from '../input.validation';
import { averageRanks } from './ranks.average';

export interface SpearmanResult {
  n: number;
  /** Spearman's rho (Pearson correlation of the average ranks); null when a variable is constant */
  rho: number | null;
  /** R's S statistic (n³ - n)(1 - rho)/6 */
  statistic: number | null;
  pvalue: number | null;
}

/**
 * Spearman's rank correlation and its two-sided p-value by the t approximation, as
 * `cor.test(x, y, method = "spearman", exact = FALSE)`: rho = cor(rank x, rank y);
 * S = (n³ - n)(1 - rho)/6; r = 1 - S/((n³ - n)/6); t = r / sqrt((1 - r²)/(n - 2)) on n - 2 df;
 * p = 2·P(T beyond t), capped at 1. (R takes this path automatically when there are ties.)
 *
 * Reference: R `cor.test` (stats, R 4.2); Best & Roberts (1975) for S. Complexity O(n log n).
 * @example spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]) gives rho 0.8 (Σd² = 4: 1 - 6·4/120),
 *   p = 2·pt(-0.8/sqrt(0.36/3), 3) = 0.10408803866182788
 */
export function spearman(x: readonly number[], y: readonly number[]): SpearmanResult {
  assertSameLength(['x', 'y'], [x, y]);
  assertFiniteNumbers('x', x);
  assertFiniteNumbers('y', y);
  const n = x.length;
  if (n < 2) throw new RangeError('not enough finite observations: Spearman needs at least 2');
  const rx = averageRanks(x).ranks;
  const ry = averageRanks(y).ranks;
  const rho = pearson(rx, ry);
  if (rho === null) return { n, rho: null, statistic: null, pvalue: null };
  const den = (n * (n * n - 1)) / 6;
  const q = ((n * n * n - n) * (1 - rho)) / 6;
  const r = 1 - q / den;
  const t = r / Math.sqrt((1 - r * r) / (n - 2));
  // R: pspearman(q, n, lower.tail) = pt(t, n - 2, lower.tail = !lower.tail), lower.tail = q <= den
  const p = q > (n * n * n - n) / 6 ? pt(t, n - 2, true) : pt(t, n - 2, false);
  return { n, rho, statistic: q, pvalue: Math.min(2 * p, 1) };
}

/** Pearson correlation by centred sums (two passes, as R's cor); null if a variance is 0. */
function pearson(a: Float64Array, b: Float64Array): number | null {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa === 0 || sbb === 0) return null;
  return sab / Math.sqrt(saa * sbb);
}
