import { logFactorial } from '../distributions/gamma.functions';
import { contingencyMargins } from './contingency.validation';

export interface FisherNetworkResult {
  /** sum of the probabilities of the tables (same margins) at most as likely as the observed one */
  pvalue: number;
  /** probability of the observed table given the margins */
  probObserved: number;
  /** nodes of the network expanded (a measure of the work done) */
  nodes: number;
}

/** FEXACT's tolerance on the log-probability scale ("square root of the smallest relative spacing"). */
const TOLERANCE = 3.45254e-7;

/**
 * Fisher's exact test of an r x c table, as `fisher.test(x)` (FEXACT, Mehta & Patel's network
 * algorithm): the p-value is Σ P(T) over the tables T with the observed margins and
 * P(T) <= P(observed)·e^(3.45e-7), P the multivariate hypergeometric probability
 * Π r_i! Π c_j! / (n! Π t_ij!).
 *
 * Network: the columns are filled one at a time; a node is the sorted vector of row totals still to
 * fill, so tables that agree up to a row permutation share nodes; paths reaching a node with the same
 * past probability are merged. At each node, exact longest and shortest completions (memoised) decide
 * whether all completions count (their total probability has a closed form), none do, or the node must
 * be expanded. Limits: time and memory grow with the number of distinct nodes, roughly
 * (n / min(r, c))^(min(r, c) - 1) per column; `maxNodes` (default 5e6) stops with a RangeError instead of
 * running away. Tables of the seed study's size (5 x 4, n = 78) take well under a second.
 *
 * Reference: R `fisher.test` / C `fexact` (R 4.2); Mehta & Patel (1983) JASA 78:427, (1986) ACM TOMS
 * 12:154. Complexity: see limits; O(r·c) for the observed probability.
 * @example fisherExactNetwork([[1, 6, 5], [8, 3, 0], [14, 2, 1]]) gives p = 0.000185729... (R 0.00018572921990123867)
 */
export function fisherExactNetwork(table: readonly (readonly number[])[], options: { maxNodes?: number } = {}): FisherNetworkResult {
  const margins = contingencyMargins(table);
  // rows = the shorter dimension, so that each column filling has few cells
  const transpose = margins.rowSums.length > margins.colSums.length;
  const rowSums = transpose ? margins.colSums : margins.rowSums;
  const colSums = [...(transpose ? margins.rowSums : margins.colSums)].sort((a, b) => b - a);
  const total = margins.total;
  const cells = table.flat();
  const constant = rowSums.reduce((s, r) => s + logFactorial(r), 0) + colSums.reduce((s, c) => s + logFactorial(c), 0) - logFactorial(total);
  const observedValue = -cells.reduce((s, v) => s + logFactorial(v), 0);
  const threshold = observedValue + TOLERANCE;
  const nCols = colSums.length;
  const maxNodes = options.maxNodes ?? 5e6;

  const suffixTotal = colSums.map((_, j) => colSums.slice(j).reduce((s, c) => s + c, 0));
  const suffixLogFact = colSums.map((_, j) => colSums.slice(j).reduce((s, c) => s + logFactorial(c), 0));
  /** log Σ over completions of Π 1/t! = log(n'! / (Π r'! Π c'!)) */
  const logTotal = (rows: number[], col: number) =>
    logFactorial(suffixTotal[col]) - rows.reduce((s, r) => s + logFactorial(r), 0) - suffixLogFact[col];

  const bounds = new Map<string, [number, number]>();
  let nodes = 0;
  /** [max, min] over completions from column `col` of -Σ log t! */
  const extremes = (rows: number[], col: number): [number, number] => {
    const key = `${col}|${rows.join(',')}`;
    const known = bounds.get(key);
    if (known) return known;
    if (++nodes > maxNodes) throw new RangeError(`Fisher's exact test: the table is too large for exact enumeration (more than ${maxNodes} nodes)`);
    let result: [number, number];
    if (col === nCols - 1) {
      const v = -rows.reduce((s, r) => s + logFactorial(r), 0);
      result = [v, v];
    } else {
      let max = -Infinity;
      let min = Infinity;
      forEachFilling(rows, colSums[col], (child, value) => {
        const [cmax, cmin] = extremes(child, col + 1);
        max = Math.max(max, value + cmax);
        min = Math.min(min, value + cmin);
      });
      result = [max, min];
    }
    bounds.set(key, result);
    return result;
  };

  let pvalue = 0;
  type Past = { past: number; freq: number };
  let stage = new Map<string, { rows: number[]; pasts: Map<number, Past> }>();
  const root = [...rowSums].sort((a, b) => a - b);
  stage.set(root.join(','), { rows: root, pasts: new Map([[0, { past: 0, freq: 1 }]]) });
  for (let col = 0; col < nCols && stage.size > 0; col++) {
    const next = new Map<string, { rows: number[]; pasts: Map<number, Past> }>();
    for (const { rows, pasts } of stage.values()) {
      const [max, min] = extremes(rows, col);
      const total = logTotal(rows, col);
      for (const { past, freq } of pasts.values()) {
        if (past + max <= threshold) pvalue += freq * Math.exp(past + total + constant);
        else if (past + min > threshold) continue;
        else {
          forEachFilling(rows, colSums[col], (child, value) => {
            const key = child.join(',');
            let node = next.get(key);
            if (!node) next.set(key, (node = { rows: child, pasts: new Map() }));
            const p = past + value;
            const pastKey = Math.round(p * 1e9);
            const entry = node.pasts.get(pastKey);
            if (entry) entry.freq += freq;
            else node.pasts.set(pastKey, { past: p, freq });
          });
        }
      }
    }
    stage = next;
  }
  return { pvalue: Math.min(1, pvalue), probObserved: Math.exp(observedValue + constant), nodes };
}

/**
 * Calls `visit(child, -Σ log t_i!)` for every filling t of one column of total `colTotal` into rows
 * with remaining totals `rows` (0 <= t_i <= rows_i); `child` = sorted(rows - t).
 */
function forEachFilling(rows: number[], colTotal: number, visit: (child: number[], value: number) => void): void {
  const r = rows.length;
  const capacityAfter = new Array<number>(r + 1).fill(0);
  for (let i = r - 1; i >= 0; i--) capacityAfter[i] = capacityAfter[i + 1] + rows[i];
  const t = new Array<number>(r).fill(0);
  const recurse = (i: number, left: number, value: number): void => {
    if (i === r - 1) {
      if (left > rows[i]) return;
      t[i] = left;
      const child = rows.map((v, l) => v - t[l]).sort((a, b) => a - b);
      visit(child, value - logFactorial(left));
      return;
    }
    const from = Math.max(0, left - capacityAfter[i + 1]);
    const to = Math.min(rows[i], left);
    for (let v = from; v <= to; v++) {
      t[i] = v;
      recurse(i + 1, left - v, value - logFactorial(v));
    }
  };
  recurse(0, colTotal, 0);
}
