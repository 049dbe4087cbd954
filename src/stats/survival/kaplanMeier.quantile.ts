import { KaplanMeierCurve } from './kaplanMeier.estimator';

export interface SurvivalQuantile {
  prob: number;
  /** null when the curve never reaches 1 - prob (R: NA) */
  quantile: number | null;
  /** from the lower confidence curve (reaches 1 - prob first) */
  lower: number | null;
  /** from the upper confidence curve; null when it never gets low enough */
  upper: number | null;
}

const TOLERANCE = Math.sqrt(2.220446049250313e-16);

/**
 * Quantiles of the survival time and their confidence limits, as `quantile(fit, probs)`: the
 * p-quantile is the first time where 1 - S(t) >= p; when 1 - S equals p on a flat stretch (within
 * sqrt(eps)) it is the midpoint of that stretch (and of the stretch to the last time when the curve
 * ends there). The same rule on the lower and upper confidence curves gives the limits; NA points of
 * a curve are skipped. Returns null where R returns NA.
 *
 * Reference: R survival `quantile.survfit` / internal `findq` (3.5-3); Brookmeyer & Crowley (1982)
 * for the interval. Complexity O(m log m) for m rows.
 * @example for S = 0.75, 0.25, 0 at t = 1, 2, 3: median 2, quartiles 1.5 and 2.5
 */
export function survivalQuantiles(curve: KaplanMeierCurve, probs: readonly number[] = [0.25, 0.5, 0.75]): SurvivalQuantile[] {
  for (const p of probs) if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile probabilities must be in [0, 1] (got ${p})`);
  const x = [0, ...curve.rows.map((r) => r.time)];
  const of = (pick: (r: KaplanMeierCurve['rows'][number]) => number | null) =>
    [0, ...curve.rows.map((r) => {
      const v = pick(r);
      return v === null ? null : 1 - v;
    })];
  const q = findq(x, of((r) => r.surv), probs);
  const lower = findq(x, of((r) => r.lower), probs);
  const upper = findq(x, of((r) => r.upper), probs);
  return probs.map((prob, i) => ({ prob, quantile: q[i], lower: lower[i], upper: upper[i] }));
}

/** The median survival time with its confidence limits (`quantile(fit, 0.5)`). */
export function medianSurvival(curve: KaplanMeierCurve): SurvivalQuantile {
  return survivalQuantiles(curve, [0.5])[0];
}

/** survival:::findq — x times, y = 1 - S (null = NA), p probabilities. */
function findq(xAll: number[], yAll: (number | null)[], probs: readonly number[]): (number | null)[] {
  const defined = yAll.filter((v): v is number => v !== null);
  if (defined.length === 0 || Math.max(...defined) < Math.min(...probs)) return probs.map(() => null);
  const xmax = xAll[xAll.length - 1];
  // drop duplicated y values (NA counts as one value), keeping the first time each value is reached
  const x: number[] = [];
  const y: (number | null)[] = [];
  const seen = new Set<number | null>();
  yAll.forEach((v, i) => {
    if (!seen.has(v)) {
      seen.add(v);
      x.push(xAll[i]);
      y.push(v);
    }
  });
  const n = y.length;
  const index1 = probs.map((p) => approxConstantRight(y, TOLERANCE, p));
  const index2 = probs.map((p) => approxConstantRight(y, -TOLERANCE, p));
  return probs.map((p, i) => {
    const i1 = index1[i];
    const i2 = index2[i];
    const last = y[n - 1];
    // R assigns p == 0 first and the end-of-curve rule last, so the latter wins
    if (last !== null && Math.abs(p - last) < TOLERANCE) return i1 === null ? null : (x[i1] + xmax) / 2;
    if (p === 0) return x[0];
    return i1 === null || i2 === null ? null : (x[i1] + x[i2]) / 2;
  });
}

/**
 * R's approx(y + shift, seq_along(y), xout = p, method = "constant", f = 1) with NA points dropped:
 * the index of the smallest knot >= p (an exact hit returns that knot), null outside the knots.
 */
function approxConstantRight(y: (number | null)[], shift: number, p: number): number | null {
  const knots: { at: number; index: number }[] = [];
  y.forEach((v, index) => {
    if (v !== null) knots.push({ at: v + shift, index });
  });
  knots.sort((a, b) => a.at - b.at);
  if (knots.length === 0 || p < knots[0].at || p > knots[knots.length - 1].at) return null;
  for (const knot of knots) if (knot.at >= p) return knot.index;
  return null;
}
