import { logFactorial } from '../distributions/gamma.functions';
import { assertProbability } from '../input.validation';
import { contingencyMargins } from './contingency.validation';

export interface FisherTwoByTwoResult {
  pvalue: number;
  /** conditional maximum-likelihood odds ratio (0 or Infinity at the ends of the support) */
  oddsRatio: number;
  lower: number;
  upper: number;
  confLevel: number;
}

/**
 * Fisher's exact test of a 2 x 2 table [[a, b], [c, d]], as `fisher.test(x)`: conditional on the
 * margins, a follows the (noncentral) hypergeometric law; the two-sided p-value sums the
 * probabilities of the values of a at most as likely as the observed one (relative tolerance 1e-7,
 * as R). The odds ratio is the conditional MLE (the ψ where E[a; ψ] = a) and its interval inverts
 * the two one-sided tests at α/2. Roots are found by bisection to full double precision (R's
 * uniroot stops at ~1e-4, so R's printed estimate and limits agree with these to ~4 digits).
 *
 * Reference: R `fisher.test` (stats, R 4.2); Agresti (2002) §3.5. Complexity O(n) per evaluation,
 * O(n · 100) with the root finding.
 * @example fisherExactTwoByTwo([[3, 1], [1, 3]]) gives p = 34/70 = 0.4857142857142857
 */
export function fisherExactTwoByTwo(table: readonly (readonly number[])[], confLevel = 0.95): FisherTwoByTwoResult {
  const { colSums } = contingencyMargins(table);
  if (table.length !== 2 || table[0].length !== 2) throw new RangeError('fisherExactTwoByTwo needs a 2 x 2 table');
  assertProbability('confLevel', confLevel);
  const m = colSums[0];
  const n = colSums[1];
  const k = table[0][0] + table[0][1];
  const x = table[0][0];
  const lo = Math.max(0, k - n);
  const hi = Math.min(k, m);
  const support: number[] = [];
  for (let s = lo; s <= hi; s++) support.push(s);
  // log choose(m, s) + log choose(n, k - s), up to a constant
  const logdc = support.map((s) => -logFactorial(s) - logFactorial(m - s) - logFactorial(k - s) - logFactorial(n - k + s));
  const density = (ncp: number): number[] => {
    const d = logdc.map((l, i) => l + Math.log(ncp) * support[i]);
    const max = Math.max(...d);
    const e = d.map((v) => Math.exp(v - max));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / sum);
  };
  const mean = (ncp: number): number => {
    if (ncp === 0) return lo;
    if (ncp === Infinity) return hi;
    return density(ncp).reduce((s, d, i) => s + support[i] * d, 0);
  };
  const tail = (ncp: number, upperTail: boolean): number =>
    density(ncp).reduce((s, d, i) => s + ((upperTail ? support[i] >= x : support[i] <= x) ? d : 0), 0);

  const d1 = density(1);
  const observed = d1[x - lo];
  const pvalue = d1.reduce((s, d) => s + (d <= observed * (1 + 1e-7) ? d : 0), 0);

  // an increasing function f of ψ crossing `target`: search ψ in (0, 1] or 1/ψ in (0, 1] as R does
  const solve = (f: (psi: number) => number, target: number): number => {
    if (f(1) === target) return 1;
    const below = f(1) > target; // root in (0, 1)
    let a = below ? 0 : Number.EPSILON;
    let b = 1;
    for (let i = 0; i < 2000 && b - a > 4e-16 * b; i++) {
      const mid = (a + b) / 2;
      const value = below ? f(mid) : f(1 / mid);
      if ((value > target) === below) b = mid;
      else a = mid;
    }
    const root = (a + b) / 2;
    return below ? root : 1 / root;
  };
  const oddsRatio = x === lo ? 0 : x === hi ? Infinity : solve(mean, x);
  const alpha = (1 - confLevel) / 2;
  const upper = x === hi ? Infinity : solve((psi) => -tail(psi, false), -alpha);
  const lower = x === lo ? 0 : solve((psi) => tail(psi, true), alpha);
  return { pvalue: Math.min(1, pvalue), oddsRatio, lower, upper, confLevel };
}
