import { expectClose, loadFixture } from '../../../test/reference/fixtures';
import { chiSquareTest } from './chiSquare.contingency';
import { fisherExactNetwork } from './fisherExact.network';
import { fisherExactTwoByTwo } from './fisherExact.twoByTwo';

/* eslint-disable @typescript-eslint/no-explicit-any */
const fixture = loadFixture('tables.json');
const cases = (fixture.cases as any[]).map((c) => [c.name, c] as const);

describe('chiSquareTest', () => {
  it('hand-worked 2 x 2 with Yates: [[10, 20], [20, 10]]: E = 15, |O - E| = 5, X² = 4·4.5²/15 = 5.4', () => {
    const r = chiSquareTest([[10, 20], [20, 10]]);
    expectClose(r.statistic, 5.4, 'X²', 1e-14);
    expect([r.df, r.corrected, r.approximationWarning]).toEqual([1, true, false]);
    expect(chiSquareTest([[10, 20], [20, 10]], { correct: false }).statistic).toBeCloseTo((4 * 25) / 15, 13);
  });
  it.each(cases.filter(([, c]) => c.chisq))('%s: R chisq.test to 1e-10', (_, c) => {
    const r = chiSquareTest(c.table);
    expectClose(r.statistic, c.chisq.statistic, 'statistic');
    expect(r.df).toBe(c.chisq.df);
    expectClose(r.pvalue, c.chisq.pvalue, 'pvalue');
    if (c.chisqUncorrected) expectClose(chiSquareTest(c.table, { correct: false }).pvalue, c.chisqUncorrected.pvalue, 'uncorrected p');
  });
  it('zero margins and bad cells -> RangeError', () => {
    expect(() => chiSquareTest([[0, 0], [1, 2]])).toThrow('total is 0');
    expect(() => chiSquareTest([[1, 2], [3]])).toThrow(RangeError);
    expect(() => chiSquareTest([[1, 2.5], [3, 4]])).toThrow(RangeError);
    expect(() => chiSquareTest([[1, 2]])).toThrow(RangeError);
  });
});

describe("Fisher's exact test", () => {
  it('hand-worked 2 x 2 [[3, 1], [1, 3]]: P(a) = C(4,a)C(4,4-a)/C(8,4) = 1, 16, 36, 16, 1 /70; p = 1 - 36/70', () => {
    expectClose(fisherExactTwoByTwo([[3, 1], [1, 3]]).pvalue, 34 / 70, 'p', 1e-14);
    expectClose(fisherExactNetwork([[3, 1], [1, 3]]).pvalue, 34 / 70, 'p network', 1e-14);
    expectClose(fisherExactNetwork([[3, 1], [1, 3]]).probObserved, 16 / 70, 'P(observed)', 1e-14);
  });
  it.each(cases)('%s: R fisher.test p-value to 1e-10 (network algorithm)', (_, c) => {
    expectClose(fisherExactNetwork(c.table).pvalue, c.fisher.pvalue, 'pvalue');
  });
  it.each(cases.filter(([, c]) => c.table.length === 2 && c.table[0].length === 2))('%s: 2 x 2 p, odds ratio and limits', (_, c) => {
    const r = fisherExactTwoByTwo(c.table);
    expectClose(r.pvalue, c.fisher.pvalue, 'pvalue');
    // against fisher.test's own formulas with uniroot at full precision
    expectClose(r.oddsRatio, c.fisher.estimate, 'odds ratio', 1e-9);
    expectClose(r.lower, c.fisher.lower, 'lower', 1e-9);
    expectClose(r.upper, c.fisher.upper, 'upper', 1e-9);
    // fisher.test's printed values stop at uniroot's default tolerance (~1.2e-4 on the (0, 1) scale)
    const scale = (v: number) => (v > 1 ? 1 / v : v);
    for (const k of ['estimate', 'lower', 'upper'] as const) {
      const ours = k === 'estimate' ? r.oddsRatio : r[k];
      if (Number.isFinite(ours)) expect(Math.abs(scale(ours) - scale(c.fisher[`${k}R`]))).toBeLessThan(2.5e-4);
    }
  });
  it('the network refuses a runaway table with a RangeError', () => {
    expect(() => fisherExactNetwork([[10, 10, 10, 10], [10, 10, 10, 10], [10, 10, 10, 10]], { maxNodes: 5 })).toThrow('too large');
  });
});
