import { expectClose, loadFixture, loadMayoExpected } from '../../../test/reference/fixtures';
import { kruskalWallis } from './kruskalWallis.rankTest';
import { averageRanks } from './ranks.average';
import { spearman } from './spearman.rankTest';

/* eslint-disable @typescript-eslint/no-explicit-any */
const fixture = loadFixture('rank-tests.json');
const printed = loadMayoExpected().rank_tests;

describe('averageRanks', () => {
  it('ties share their average rank', () => {
    const { ranks, ties } = averageRanks([10, 20, 20, 30]);
    expect(Array.from(ranks)).toEqual([1, 2.5, 2.5, 4]);
    expect(ties).toEqual([1, 2, 1]);
  });
});

describe('kruskalWallis', () => {
  it('hand-worked, no ties: rank sums 3, 7, 11 of pairs -> H = 12/42·(9 + 49 + 121)/2 - 21 = 32/7', () => {
    const r = kruskalWallis([1, 2, 3, 4, 5, 6], ['a', 'a', 'b', 'b', 'c', 'c']);
    expectClose(r.statistic, 32 / 7, 'H', 1e-14);
    expect(r.df).toBe(2);
    expectClose(r.pvalue, Math.exp(-16 / 7), 'p = exp(-H/2) for 2 df', 1e-14);
  });
  it('hand-worked, tied: x = 1 1 2 3, g = a a b b: ranks 1.5 1.5 3 4; H0 = 12/20·(9/2 + 49/2) - 15 = 2.4; correction 1 - 6/60 -> 8/3', () => {
    expectClose(kruskalWallis([1, 1, 2, 3], ['a', 'a', 'b', 'b']).statistic, 8 / 3, 'H', 1e-14);
  });
  it.each((fixture.kruskalWallis as any[]).map((c) => [c.name, c] as const))('%s: R kruskal.test to 1e-10', (_, c) => {
    const r = kruskalWallis(c.x, c.g);
    expectClose(r.statistic, c.statistic, 'statistic');
    expect(r.df).toBe(c.df);
    expectClose(r.pvalue, c.pvalue, 'pvalue');
  });
  it('the seed study figures (expected.json): P = .07 and P = .24', () => {
    const [calc, actd] = fixture.kruskalWallis as any[];
    const a = kruskalWallis(calc.x, calc.g);
    const b = kruskalWallis(actd.x, actd.g);
    expect([a.n, b.n]).toEqual([printed.kw_locations_vs_calc_treatments.n, printed.kw_locations_vs_actd_treatments.n]);
    expectClose(a.statistic, printed.kw_locations_vs_calc_treatments.statistic, 'kw calc statistic', 1e-9);
    expectClose(a.pvalue, printed.kw_locations_vs_calc_treatments.p, 'kw calc p', 1e-9);
    expectClose(b.statistic, printed.kw_locations_vs_actd_treatments.statistic, 'kw actd statistic', 1e-9);
    expectClose(b.pvalue, printed.kw_locations_vs_actd_treatments.p, 'kw actd p', 1e-9);
  });
  it('invalid input -> RangeError', () => {
    expect(() => kruskalWallis([1, 2], ['a', 'a'])).toThrow('same group');
    expect(() => kruskalWallis([1, NaN], ['a', 'b'])).toThrow(RangeError);
    expect(() => kruskalWallis([1, 2], ['a'])).toThrow(RangeError);
    expect(() => kruskalWallis([], [])).toThrow(RangeError);
  });
});

describe('spearman', () => {
  it('hand-worked: x 1..5, y 2 1 4 3 5: Σd² = 4, rho = 1 - 6·4/120 = 0.8', () => {
    const r = spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]);
    expectClose(r.rho, 0.8, 'rho', 1e-15);
    expectClose(r.statistic, 4, 'S = Σd²', 1e-14);
    expectClose(r.pvalue, 0.10408803866182788, 'p (R cor.test exact = FALSE)', 1e-10);
  });
  it.each((fixture.spearman as any[]).map((c) => [c.name, c] as const))('%s: R cor.test(method = "spearman", exact = FALSE) to 1e-10', (_, c) => {
    const r = spearman(c.x, c.y);
    expectClose(r.rho, c.rho, 'rho');
    expectClose(r.statistic, c.statistic, 'S');
    expectClose(r.pvalue, c.pvalue, 'pvalue');
  });
  it('the seed study figure (expected.json): rho 0.18, P = .11', () => {
    const c = (fixture.spearman as any[])[0];
    const r = spearman(c.x, c.y);
    expect(r.n).toBe(printed.spearman_actd_vs_calc_treatments.n);
    expectClose(r.rho, printed.spearman_actd_vs_calc_treatments.statistic, 'rho', 1e-9);
    expectClose(r.pvalue, printed.spearman_actd_vs_calc_treatments.p, 'p', 1e-9);
  });
  it('a constant variable has no correlation (R: NA) -> nulls; invalid input -> RangeError', () => {
    expect(spearman([1, 1, 1], [1, 2, 3])).toEqual({ n: 3, rho: null, statistic: null, pvalue: null });
    expect(() => spearman([1], [1])).toThrow(RangeError);
    expect(() => spearman([1, 2], [1])).toThrow(RangeError);
    expect(() => spearman([1, Infinity], [1, 2])).toThrow(RangeError);
  });
});
