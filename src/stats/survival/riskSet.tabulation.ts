import { radixOrder } from './survivalTimes.sort';
import { timefixSorted } from './survivalTimes.timefix';

/**
 * The counting step shared by Kaplan-Meier and the log-rank test. `sortSubjects` sorts once (radix,
 * carrying the subject index) and applies R's timefix on the sorted times; `splitByStratum` keeps that
 * order within each stratum; `tabulate` walks one stratum's order once and returns the distinct times
 * (of events or censorings) ascending and, per group, the number at risk (time >= t), of events and of
 * censorings at each. Complexity: O(n) per step after the O(n)-pass radix sort.
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

export interface SortedSubjects {
  /** subject indices in ascending order of (fixed) time */
  order: Uint32Array;
  /** the times by subject index, after timefix */
  time: ArrayLike<number>;
}

export function sortSubjects(time: ArrayLike<number>, timefix: boolean): SortedSubjects {
  const { order, sorted } = radixOrder(time);
  const fixed = timefix ? timefixSorted(sorted) : null;
  if (!fixed) return { order, time };
  const byIndex = new Float64Array(time.length);
  for (let k = 0; k < order.length; k++) byIndex[order[k]] = fixed[k];
  return { order, time: byIndex };
}

/** The sorted order split by stratum index, each part still sorted (a stable counting split). O(n). */
export function splitByStratum(order: Uint32Array, stratum: ArrayLike<number>, nStrata: number): Uint32Array[] {
  const counts = new Uint32Array(nStrata);
  for (let i = 0; i < stratum.length; i++) counts[stratum[i]]++;
  const out = Array.from(counts, (c) => new Uint32Array(c));
  const fill = new Uint32Array(nStrata);
  for (let k = 0; k < order.length; k++) {
    const s = stratum[order[k]];
    out[s][fill[s]++] = order[k];
  }
  return out;
}

export function tabulate(
  order: Uint32Array,
  time: ArrayLike<number>,
  status: ArrayLike<number>,
  group: ArrayLike<number> | null,
  nGroups: number,
): Tabulation {
  const n = order.length;
  let nTimes = 0;
  for (let k = 0; k < n; k++) if (k === 0 || time[order[k]] !== time[order[k - 1]]) nTimes++;
  const times = new Float64Array(nTimes);
  const nEvent = new Float64Array(nTimes * nGroups);
  const nCensor = new Float64Array(nTimes * nGroups);
  const groupSize = new Float64Array(nGroups);
  let j = -1;
  let current = NaN;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const t = time[i];
    if (t !== current) {
      times[++j] = t;
      current = t;
    }
    const g = group ? group[i] : 0;
    if (status[i] === 1) nEvent[j * nGroups + g]++;
    else nCensor[j * nGroups + g]++;
    groupSize[g]++;
  }
  const nRisk = new Float64Array(nTimes * nGroups);
  const remaining = Float64Array.from(groupSize);
  for (let m = 0; m < nTimes; m++) {
    for (let g = 0; g < nGroups; g++) {
      const at = m * nGroups + g;
      nRisk[at] = remaining[g];
      remaining[g] -= nEvent[at] + nCensor[at];
    }
  }
  return { nGroups, times, nRisk, nEvent, nCensor, groupSize };
}
