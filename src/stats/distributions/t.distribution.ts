import { regularizedBeta } from './beta.functions';

/**
 * P(T <= t) for Student's t with df degrees of freedom (R: `pt(t, df, lower.tail=)`), through
 * P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2), with 1 - x passed as t²/(df+t²) so both tails keep
 * their relative accuracy. O(sqrt(df)).
 * @example pt(2.0, 10, false) ≈ 0.036694017385370196
 */
export function pt(t: number, df: number, lowerTail = true): number {
  if (!(df > 0)) throw new RangeError(`pt needs df > 0 (got ${df})`);
  if (Number.isNaN(t)) throw new RangeError('pt needs a number');
  if (t === Infinity) return lowerTail ? 1 : 0;
  if (t === -Infinity) return lowerTail ? 0 : 1;
  const t2 = t * t;
  const beyond = 0.5 * regularizedBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2)).lower; // P(T > |t|)
  const upper = t > 0 ? beyond : 1 - beyond;
  const lower = t > 0 ? 1 - beyond : beyond;
  return lowerTail ? lower : upper;
}
