import { pchisq } from '../distributions/chiSquare.distribution';
import { assertSurvivalData, factorLevels, Label } from '../input.validation';
import { solveSymmetric } from './matrix.solve';
import { sortSubjects, splitByStratum, tabulate } from './riskSet.tabulation';

export interface LogRankData {
  time: readonly number[] | Float64Array;
  status: readonly number[] | Uint8Array;
  /** the groups compared (R: `~ group`) */
  group: readonly Label[];
  /** optional strata (R: `~ group + strata(s)`) */
  strata?: readonly Label[];
}

export interface LogRankResult {
  rho: number;
  /** group labels, in R's factor order */
  groups: string[];
  n: number[];
  /** observed (weighted when rho != 0) events per group, summed over strata */
  obs: number[];
  exp: number[];
  var: number[][];
  chisq: number;
  df: number;
  pvalue: number;
  /** per-stratum detail when strata were given: obs[group][stratum], as R's matrices */
  strata?: { levels: string[]; n: number[]; obs: number[][]; exp: number[][] };
}

/**
 * The G-rho family of k-sample tests (Harrington & Fleming 1982), as `survdiff(Surv(time, status) ~
 * group (+ strata(s)), rho = rho)`: rho = 0 is the log-rank test, rho = 1 the Peto & Peto
 * modification of the Gehan-Wilcoxon test. At each event time the weight is S(t-)^rho, S the
 * left-continuous Kaplan-Meier of the pooled stratum; O - E and its hypergeometric variance are
 * summed over times and strata; chisq = (O-E)' V⁻ (O-E) over the groups with E > 0, first group
 * dropped, df = their number - 1 (= the rank of V there; where V is singular R stops with an error,
 * here a generalized inverse is used and df is its rank).
 *
 * Reference: R survival 3.5-3 `survdiff`, `survdiff.fit`, C `survdiff2`. Complexity O(n log n + T k²).
 * @example logRankTest({ time: [1, 2, 3, 4], status: [1, 1, 1, 1], group: [1, 1, 2, 2] }) gives
 *   obs [2, 2], exp [0.8333, 3.1667], var [[0.4722, -0.4722], ...], chisq 2.882353, p 0.0895551
 */
export function logRankTest(data: LogRankData, options: { rho?: number; timefix?: boolean } = {}): LogRankResult {
  const rho = options.rho ?? 0;
  if (!Number.isFinite(rho)) throw new RangeError(`rho must be a finite number (got ${rho})`);
  assertSurvivalData(data.time, data.status, { group: data.group, strata: data.strata });
  const groups = factorLevels(data.group);
  const k = groups.levels.length;
  if (k < 2) throw new RangeError('There is only 1 group: the log-rank test needs at least 2');
  const { order, time } = sortSubjects(data.time, options.timefix !== false);
  const strata = data.strata ? factorLevels(data.strata) : null;
  const subsets = strata ? splitByStratum(order, strata.index, strata.levels.length) : [order];

  const variance = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const obsByStratum: number[][] = [];
  const expByStratum: number[][] = [];
  const n = new Array<number>(k).fill(0);
  for (const subset of subsets) {
    const tab = tabulate(subset, time, data.status, groups.index, k);
    const obs = new Array<number>(k).fill(0);
    const exp = new Array<number>(k).fill(0);
    const T = tab.times.length;
    // left-continuous pooled KM, updated at every distinct time as survdiff2 does
    const kmBefore = new Float64Array(T);
    let km = 1;
    for (let j = 0; j < T; j++) {
      kmBefore[j] = km;
      let nRisk = 0;
      let deaths = 0;
      for (let g = 0; g < k; g++) {
        nRisk += tab.nRisk[j * k + g];
        deaths += tab.nEvent[j * k + g];
      }
      if (rho !== 0) km = (km * (nRisk - deaths)) / nRisk;
    }
    for (let j = T - 1; j >= 0; j--) {
      let wt = rho === 0 ? 1 : Math.pow(kmBefore[j], rho);
      let nRisk = 0;
      let deaths = 0;
      for (let g = 0; g < k; g++) {
        nRisk += tab.nRisk[j * k + g];
        deaths += tab.nEvent[j * k + g];
        obs[g] += tab.nEvent[j * k + g] * wt;
      }
      if (deaths === 0) continue;
      for (let g = 0; g < k; g++) exp[g] += (wt * deaths * tab.nRisk[j * k + g]) / nRisk;
      if (nRisk === 1) continue;
      wt = wt * wt;
      for (let a = 0; a < k; a++) {
        const tmp = (wt * deaths * tab.nRisk[j * k + a] * (nRisk - deaths)) / (nRisk * (nRisk - 1));
        variance[a][a] += tmp;
        for (let b = 0; b < k; b++) variance[a][b] -= (tmp * tab.nRisk[j * k + b]) / nRisk;
      }
    }
    for (let g = 0; g < k; g++) n[g] += tab.groupSize[g];
    obsByStratum.push(obs);
    expByStratum.push(exp);
  }

  const obs = groups.levels.map((_, g) => obsByStratum.reduce((s, o) => s + o[g], 0));
  const exp = groups.levels.map((_, g) => expByStratum.reduce((s, e) => s + e[g], 0));
  const used = exp.map((e, g) => (e > 0 ? g : -1)).filter((g) => g >= 0);
  let chisq = 0;
  let df = used.length - 1;
  if (used.length >= 2) {
    const kept = used.slice(1);
    const diff = kept.map((g) => obs[g] - exp[g]);
    const solved = solveSymmetric(kept.map((a) => kept.map((b) => variance[a][b])), diff);
    chisq = solved.x.reduce((s, x, i) => s + x * diff[i], 0);
    df = solved.rank;
  }
  const result: LogRankResult = {
    rho,
    groups: groups.levels,
    n,
    obs,
    exp,
    var: variance,
    chisq,
    df,
    pvalue: df > 0 ? pchisq(chisq, df, false) : 1, // R: pchisq(0, 0, lower.tail = FALSE) = 1
  };
  if (strata) {
    const transpose = (m: number[][]) => groups.levels.map((_, g) => m.map((row) => row[g]));
    result.strata = {
      levels: strata.levels,
      n: subsets.map((s) => s.length),
      obs: transpose(obsByStratum),
      exp: transpose(expByStratum),
    };
  }
  return result;
}
