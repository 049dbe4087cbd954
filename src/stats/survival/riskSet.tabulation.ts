/**
 * The counting step shared by Kaplan-Meier and the log-rank test: for one stratum, the distinct
 * times (of events or censorings) in ascending order and, per group, the number at risk (time >= t),
 * of events and of censorings at each of them.
 *
 * Why not sort an index permutation: a comparator sort of 10^6 indices costs ~0.5 s in V8, while the
 * native numeric sort of a Float64Array costs ~0.1 s. So the times are split into 2k buckets
 * (group x event/censored), each bucket sorted natively, and the buckets merged in one pass.
 * Complexity: O(n log n + T k) for n subjects, T distinct times, k groups.
 */
export interface Tabulation {
  nGroups: number;
  /** distinct times, ascending */
  times: Float64Array;
  /** [timeIndex * nGroups + group] */
  nRisk: Float64Array;
  nEvent: Float64Array;
  nCensor: Float64Array;
  /** subjects per group */
  groupSize: Float64Array;
}

export function tabulate(
  time: ArrayLike<number>,
  status: ArrayLike<number>,
  group: ArrayLike<number> | null,
  nGroups: number,
  subset: ArrayLike<number> | null = null,
): Tabulation {
  const n = subset ? subset.length : time.length;
  const counts = new Uint32Array(2 * nGroups);
  for (let r = 0; r < n; r++) {
    const i = subset ? subset[r] : r;
    counts[2 * (group ? group[i] : 0) + status[i]]++;
  }
  const buckets = Array.from(counts, (c) => new Float64Array(c));
  const fill = new Uint32Array(2 * nGroups);
  for (let r = 0; r < n; r++) {
    const i = subset ? subset[r] : r;
    const b = 2 * (group ? group[i] : 0) + status[i];
    buckets[b][fill[b]++] = time[i];
  }
  for (const bucket of buckets) bucket.sort();

  // merge: distinct times first, then counts per time
  const heads = new Uint32Array(2 * nGroups);
  const times = new Float64Array(n);
  const events = new Float64Array(n * nGroups);
  const censored = new Float64Array(n * nGroups);
  let nTimes = 0;
  for (;;) {
    let t = Infinity;
    for (let b = 0; b < buckets.length; b++) if (heads[b] < buckets[b].length && buckets[b][heads[b]] < t) t = buckets[b][heads[b]];
    if (t === Infinity) break;
    for (let b = 0; b < buckets.length; b++) {
      const bucket = buckets[b];
      let h = heads[b];
      const start = h;
      while (h < bucket.length && bucket[h] === t) h++;
      heads[b] = h;
      if (h > start) (b % 2 === 1 ? events : censored)[nTimes * nGroups + (b >> 1)] += h - start;
    }
    times[nTimes++] = t;
  }

  const groupSize = new Float64Array(nGroups);
  for (let b = 0; b < buckets.length; b++) groupSize[b >> 1] += buckets[b].length;
  const nRisk = new Float64Array(nTimes * nGroups);
  const remaining = Float64Array.from(groupSize);
  for (let j = 0; j < nTimes; j++) {
    for (let g = 0; g < nGroups; g++) {
      const k = j * nGroups + g;
      nRisk[k] = remaining[g];
      remaining[g] -= events[k] + censored[k];
    }
  }
  return {
    nGroups,
    times: times.slice(0, nTimes),
    nRisk,
    nEvent: events.slice(0, nTimes * nGroups),
    nCensor: censored.slice(0, nTimes * nGroups),
    groupSize,
  };
}

/** Indices of the subjects of each stratum (a counting sort by stratum index). O(n). */
export function splitByStratum(stratum: ArrayLike<number>, nStrata: number): Uint32Array[] {
  const counts = new Uint32Array(nStrata);
  for (let i = 0; i < stratum.length; i++) counts[stratum[i]]++;
  const out = Array.from(counts, (c) => new Uint32Array(c));
  const fill = new Uint32Array(nStrata);
  for (let i = 0; i < stratum.length; i++) out[stratum[i]][fill[stratum[i]]++] = i;
  return out;
}
