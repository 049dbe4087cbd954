/**
 * R's `aeqSurv` (survival >= 3.0, applied by `survfit` and `survdiff` unless `timefix = FALSE`):
 * times that differ only by floating-point noise are made exactly equal, so that 0.1 + 0.2 and 0.3
 * count as one tied time. Two neighbouring distinct times are tied when their difference is
 * <= sqrt(machine epsilon), absolutely or relative to the mean of the absolute distinct times; each
 * run of tied times is replaced by its smallest member.
 *
 * Reference: survival::aeqSurv; Therneau, "Roundoff error and tied times" (survival vignette).
 * Complexity: O(n log n) (one sort of a copy, then a binary search per subject when anything ties).
 * @example timefix([0.1 + 0.2, 0.3, 1]) returns [0.3, 0.3, 1] (as R's aeqSurv: 0.30000000000000004 -> 0.3)
 */
export function timefix(time: ArrayLike<number>): ArrayLike<number> {
  const tolerance = Math.sqrt(2.220446049250313e-16);
  const sorted = Float64Array.from(time).sort();
  let nDistinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[nDistinct++] = sorted[i];
  const distinct = sorted.subarray(0, nDistinct);
  let sumAbs = 0;
  for (let i = 0; i < nDistinct; i++) sumAbs += Math.abs(distinct[i]);
  const meanAbs = sumAbs / nDistinct;
  const cuts: number[] = [distinct[0]];
  let anyTied = false;
  for (let i = 1; i < nDistinct; i++) {
    const dy = distinct[i] - distinct[i - 1];
    const tied = dy <= tolerance || dy / meanAbs <= tolerance;
    if (tied) anyTied = true;
    else cuts.push(distinct[i]);
  }
  if (!anyTied) return time;
  const out = new Float64Array(time.length);
  for (let i = 0; i < time.length; i++) {
    // findInterval: the largest cut <= time[i]
    let lo = 0;
    let hi = cuts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cuts[mid] <= time[i]) lo = mid;
      else hi = mid - 1;
    }
    out[i] = cuts[lo];
  }
  return out;
}
