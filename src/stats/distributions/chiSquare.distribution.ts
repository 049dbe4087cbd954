import { logGamma, regularizedGamma } from './gamma.functions';
import { qnorm } from './normal.distribution';

/**
 * P(X <= q) for X ~ chi-square(df) (R: `pchisq(q, df, lower.tail=)`); the upper tail is computed
 * directly, so tiny p-values keep their relative accuracy. O(sqrt(df + q)).
 * @example pchisq(3.841458820694124, 1, false) ≈ 0.05
 */
export function pchisq(q: number, df: number, lowerTail = true): number {
  if (!(df > 0)) throw new RangeError(`pchisq needs df > 0 (got ${df})`);
  if (Number.isNaN(q)) throw new RangeError('pchisq needs a number');
  const tails = regularizedGamma(df / 2, q / 2);
  return lowerTail ? tails.lower : tails.upper;
}

/**
 * The p-quantile of the gamma distribution with the given shape and scale 1 (R: `qgamma(p, shape)`).
 * Start: Wilson-Hilferty (or the small-p power law), then safeguarded Halley steps on
 * regularizedGamma until the step is below 1e-15 relative; the residual is taken on the smaller tail
 * so that p near 1 keeps its accuracy. O(sqrt(shape)) per step, a handful of steps.
 * @example qgamma(0.025, 7) ≈ 2.8143 (lower limit of a Poisson mean given 7 events)
 */
export function qgamma(p: number, shape: number): number {
  if (!(shape > 0)) throw new RangeError(`qgamma needs shape > 0 (got ${shape})`);
  if (Number.isNaN(p) || p < 0 || p > 1) throw new RangeError(`qgamma needs p in [0, 1] (got ${p})`);
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  const lgam = logGamma(shape);
  const nu = 2 * shape;
  const c = 1 / (9 * shape);
  const wh = nu * Math.pow(qnorm(p) * Math.sqrt(c) + 1 - c, 3);
  let x = nu < -1.24 * Math.log(p) || !(wh > 0) ? Math.exp((Math.log(p) + Math.log(shape) + lgam) / shape) : wh / 2;
  let lo = 0;
  let hi = Infinity;
  for (let iteration = 0; iteration < 1000; iteration++) {
    const tails = regularizedGamma(shape, x);
    // residual P(x) - p, from the smaller tail
    const f = p <= 0.5 ? tails.lower - p : 1 - p - tails.upper;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const density = Math.exp((shape - 1) * Math.log(x) - x - lgam);
    let step = f / density;
    const curvature = (shape - 1) / x - 1;
    const halley = 1 - 0.5 * step * curvature;
    if (halley > 0.5 && halley < 2) step /= halley;
    let next = x - step;
    if (!(next > lo && next < hi)) next = hi === Infinity ? 2 * x : (lo + hi) / 2;
    if (Math.abs(next - x) <= 1e-15 * next) return next;
    x = next;
  }
  return x;
}

/**
 * The p-quantile of chi-square(df) (R: `qchisq(p, df)`) = 2 qgamma(p, df/2).
 * @example qchisq(0.95, 1) ≈ 3.841458820694124
 */
export function qchisq(p: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`qchisq needs df > 0 (got ${df})`);
  return 2 * qgamma(p, df / 2);
}
