import { radixOrder } from './survivalTimes.sort';

const TOLERANCE = Math.sqrt(2.220446049250313e-16);

/**
 * R's `aeqSurv` (survival >= 3.0, applied by `survfit` and `survdiff` unless `timefix = FALSE`):
 * times that differ only by floating-point noise are made exactly equal, so that 0.1 + 0.2 and 0.3
 * count as one tied time. Two neighbouring distinct times are tied when their difference is
 * <= sqrt(machine epsilon), absolutely or relative to the mean of the absolute distinct times; each
 * run of tied times is replaced by its smallest member.
 *
 * Reference: survival::aeqSurv; Therneau, "Roundoff error and tied times" (survival vignette).
 * Complexity: O(n) on sorted times (`timefixSorted`), O(n) + one radix sort for `timefix`.
 * @example timefix([0.1 + 0.2, 0.3, 1]) returns [0.3, 0.3, 1] (as R's aeqSurv: 0.30000000000000004 -> 0.3)
 */
export function timefix(time: ArrayLike<number>): ArrayLike<number> {
  const { order, sorted } = radixOrder(time);
  const fixed = timefixSorted(sorted);
  if (!fixed) return time;
  const out = new Float64Array(time.length);
  for (let k = 0; k < order.length; k++) out[order[k]] = fixed[k];
  return out;
}

/** aeqSurv on ascending times: the replaced copy, or null when nothing is tied. */
export function timefixSorted(sorted: Float64Array): Float64Array | null {
  const n = sorted.length;
  let sumAbs = 0;
  let nDistinct = 0;
  for (let k = 0; k < n; k++) {
    if (k === 0 || sorted[k] !== sorted[k - 1]) {
      sumAbs += Math.abs(sorted[k]);
      nDistinct++;
    }
  }
  const meanAbs = sumAbs / nDistinct;
  let out: Float64Array | null = null;
  let cut = sorted[0];
  let previous = sorted[0];
  for (let k = 1; k < n; k++) {
    const v = sorted[k];
    if (v !== previous) {
      const dy = v - previous;
      const tied = dy <= TOLERANCE || dy / meanAbs <= TOLERANCE;
      if (!tied) cut = v;
      else if (!out) out = sorted.slice();
      previous = v;
    }
    if (out) out[k] = cut;
  }
  return out;
}
