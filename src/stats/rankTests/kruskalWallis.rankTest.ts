import { pchisq } from '../distributions/chiSquare.distribution';
import { assertFiniteNumbers, assertLabels, assertNonEmpty, assertSameLength, factorLevels, Label } from '../input.validation';
import { averageRanks } from './ranks.average';

export interface KruskalWallisResult {
  n: number;
  /** group labels in R's factor order and their sizes */
  groups: string[];
  sizes: number[];
  /** the tie-corrected H, R's "Kruskal-Wallis chi-squared" */
  statistic: number;
  df: number;
  pvalue: number;
}

/**
 * Kruskal-Wallis rank sum test: H = [12/(n(n+1)) Σ R_g²/n_g - 3(n+1)] / [1 - Σ(t³ - t)/(n³ - n)],
 * R_g the rank sum of group g (average ranks for ties), t the tie-group sizes; p from chi-square
 * with k - 1 df. Throws a RangeError when all observations are in one group (R stops too).
 *
 * Reference: R `kruskal.test(x, g)`; Hollander & Wolfe (1999) §6.1. Complexity O(n log n).
 * @example kruskalWallis([1, 2, 3, 4, 5, 6], ['a', 'a', 'b', 'b', 'c', 'c']) gives H = 4.571428571428571
 *   (rank sums 3, 7, 11: 12/42·(9+49+121)/2 - 21), df 2, p = exp(-H/2) = 0.10170139230422684
 */
export function kruskalWallis(x: readonly number[], group: readonly Label[]): KruskalWallisResult {
  assertNonEmpty('x', x);
  assertSameLength(['x', 'group'], [x, group]);
  assertFiniteNumbers('x', x);
  assertLabels('group', group);
  const { levels, index } = factorLevels(group);
  if (levels.length < 2) throw new RangeError('all observations are in the same group: Kruskal-Wallis needs at least 2');
  const n = x.length;
  const { ranks, ties } = averageRanks(x);
  const sums = new Array<number>(levels.length).fill(0);
  const sizes = new Array<number>(levels.length).fill(0);
  for (let i = 0; i < n; i++) {
    sums[index[i]] += ranks[i];
    sizes[index[i]]++;
  }
  let statistic = 0;
  sums.forEach((s, g) => (statistic += (s * s) / sizes[g]));
  const tieSum = ties.reduce((s, t) => s + (t * t * t - t), 0);
  statistic = ((12 * statistic) / (n * (n + 1)) - 3 * (n + 1)) / (1 - tieSum / (n * n * n - n));
  const df = levels.length - 1;
  return { n, groups: levels, sizes, statistic, df, pvalue: pchisq(statistic, df, false) };
}
