import { qnorm } from '../distributions/normal.distribution';
import { assertProbability } from '../input.validation';

export type ConfType = 'log' | 'log-log' | 'plain';
export const CONF_TYPES: readonly ConfType[] = ['log', 'log-log', 'plain'];

export interface ConfidenceLimits {
  lower: number | null;
  upper: number | null;
}

/** z = qnorm(1 - (1 - confLevel)/2), written in R's order so the double is the same. */
export function twoSidedZ(confLevel: number): number {
  assertProbability('confLevel', confLevel);
  return qnorm(1 - (1 - confLevel) / 2);
}

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

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
 * @example confidenceLimits(0.75, 0.2886751345948129, 'log', 1.959963984540054) gives
 *   { lower: 0.4259322723..., upper: 1 } (R: survfit(Surv(c(1,2,2,3), c(1,1,1,1)) ~ 1), first row)
 */
export function confidenceLimits(surv: number, stdErr: number, confType: ConfType, z: number): ConfidenceLimits {
  switch (confType) {
    case 'plain': {
      const se2 = stdErr * surv * z;
      return { lower: orNull(Math.max(surv - se2, 0)), upper: orNull(Math.min(surv + se2, 1)) };
    }
    case 'log': {
      if (surv === 0) return { lower: null, upper: null };
      const se2 = z * stdErr;
      return { lower: orNull(Math.exp(Math.log(surv) - se2)), upper: orNull(Math.min(Math.exp(Math.log(surv) + se2), 1)) };
    }
    case 'log-log': {
      if (surv === 0 || surv === 1) return { lower: null, upper: null };
      const se2 = (z * stdErr) / Math.log(surv);
      const center = Math.log(-Math.log(surv));
      return { lower: orNull(Math.exp(-Math.exp(center - se2))), upper: orNull(Math.exp(-Math.exp(center + se2))) };
    }
    default:
      throw new RangeError(`unknown confType ${String(confType)}: use log, log-log or plain`);
  }
}
