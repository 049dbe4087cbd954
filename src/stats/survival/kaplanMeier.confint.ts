import { qnorm } from '../distributions/normal.distribution';
import { assertProbability } from '../input.validation';

export type ConfType = 'log' | 'log-log' | 'plain';
export const CONF_TYPES: readonly ConfType[] = ['log', 'log-log', 'plain'];

export interface ConfidenceLimits {
  lower: number | null;
  upper: number | null;
}

/**
 * The two-sided normal quantile of a confidence level, z = qnorm(1 - (1 - confLevel)/2), written in
 * R's order (survfit_confint) so that the double is the same. O(1).
 * @example twoSidedZ(0.95) = 1.959963984540054
 */
export function twoSidedZ(confLevel: number): number {
  assertProbability('confLevel', confLevel);
  return qnorm(1 - (1 - confLevel) / 2);
}

/**
 * Pointwise confidence limits of a survival estimate S with `stdErr` = the standard error of
 * -log S (survfit's std.err, Greenwood on the log scale), exactly as survival:::survfit_confint:
 *  - plain:   S ± z·se·S, clamped to [0, 1];
 *  - log:     S·exp(±z·se), upper clamped to 1; NA when S = 0;
 *  - log-log: exp(-exp(log(-log S) ∓ z·se/log S)); NA when S = 0 or S = 1 (no clamp needed).
 * R's NA (and NaN, e.g. plain at S = 0 with infinite se) is returned as null.
 *
 * Reference: R survival `survfit_confint` (3.5-3); Kalbfleisch & Prentice (2002) §1.4.
 * Complexity O(1).
 * @example confidenceLimits(0.75, Math.sqrt(1 / 12), 'log', twoSidedZ(0.95)) gives
 *   { lower: 0.42593227..., upper: 1 } (R: survfit(Surv(c(1,2,2,3), c(1,1,1,1)) ~ 1), first row)
 */
export function confidenceLimits(surv: number, stdErr: number, confType: ConfType, z: number): ConfidenceLimits {
  return limitsInto({ lower: null, upper: null }, surv, stdErr, confType, z);
}

/** confidenceLimits written into `target` (no allocation: Kaplan-Meier calls it once per row). */
export function limitsInto<T extends ConfidenceLimits>(target: T, surv: number, stdErr: number, confType: ConfType, z: number): T {
  let lower = NaN;
  let upper = NaN;
  if (confType === 'plain') {
    const se2 = stdErr * surv * z;
    lower = Math.max(surv - se2, 0);
    upper = Math.min(surv + se2, 1);
  } else if (confType === 'log') {
    if (surv !== 0) {
      const se2 = z * stdErr;
      lower = Math.exp(Math.log(surv) - se2);
      upper = Math.min(Math.exp(Math.log(surv) + se2), 1);
    }
  } else if (confType === 'log-log') {
    if (surv !== 0 && surv !== 1) {
      const se2 = (z * stdErr) / Math.log(surv);
      const center = Math.log(-Math.log(surv));
      lower = Math.exp(-Math.exp(center - se2));
      upper = Math.exp(-Math.exp(center + se2));
    }
  } else {
    throw new RangeError(`unknown confType ${String(confType)}: use log, log-log or plain`);
  }
  // R's NA (S = 0 or 1 where undefined) and NaN (plain at S = 0 with infinite se) -> null
  target.lower = Number.isNaN(lower) ? null : lower;
  target.upper = Number.isNaN(upper) ? null : upper;
  return target;
}
