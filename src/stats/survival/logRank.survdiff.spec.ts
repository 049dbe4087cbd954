import { expectAllClose, expectClose, loadFixture } from '../../../test/reference/fixtures';
import { logRankTest } from './logRank.survdiff';

/* eslint-disable @typescript-eslint/no-explicit-any */
const fixture = loadFixture('log-rank.json');

describe('logRankTest: hand-worked', () => {
  // time 1 2 3 4, all die; group 1 1 2 2.
  //  t  at risk (g1, g2)  d   E1 = d·n1/n   V = d (n1/n)(n2/n)(n-d)/(n-1)   pooled S(t-)
  //  1  2, 2              1   1/2            1/4                              1
  //  2  1, 2              1   1/3            2/9                              3/4
  //  3  0, 2              1   0              0                                1/2
  //  4  0, 1              1   0              (n = 1: no variance)             1/4
  // rho = 0: O = (2, 2), E = (5/6, 19/6), V11 = 17/36, chisq = (2 - 19/6)² / (17/36) = 49/17 = 2.882353
  // rho = 1: weights S(t-): O = (1 + 3/4, 1/2 + 1/4) = (1.75, 0.75), E1 = 1/2 + 3/4·1/3 = 0.75,
  //          E2 = 1/2 + 3/4·2/3 + 1/2 + 1/4 = 1.75, V11 = 1/4 + (3/4)²·2/9 = 0.375, chisq = 1/0.375 = 8/3
  const data = { time: [1, 2, 3, 4], status: [1, 1, 1, 1], group: [1, 1, 2, 2] };
  it('log-rank (rho = 0)', () => {
    const r = logRankTest(data);
    expect(r.groups).toEqual(['1', '2']);
    expect(r.n).toEqual([2, 2]);
    expect(r.obs).toEqual([2, 2]);
    expectAllClose(r.exp, [5 / 6, 19 / 6], 'exp', 1e-15);
    expectAllClose(r.var.flat(), [17 / 36, -17 / 36, -17 / 36, 17 / 36], 'var', 1e-14);
    expectClose(r.chisq, 49 / 17, 'chisq', 1e-14);
    expect(r.df).toBe(1);
    expectClose(r.pvalue, 0.08955507, 'pvalue', 1e-7);
  });
  it('Peto-Peto (rho = 1)', () => {
    const r = logRankTest(data, { rho: 1 });
    expectAllClose(r.obs, [1.75, 0.75], 'obs', 1e-15);
    expectAllClose(r.exp, [0.75, 1.75], 'exp', 1e-15);
    expectClose(r.var[0][0], 0.375, 'var', 1e-15);
    expectClose(r.chisq, 8 / 3, 'chisq', 1e-14);
  });
});

describe('logRankTest against R survdiff (test/reference/fixtures/log-rank.json), 1e-10 relative', () => {
  const tests = (fixture.cases as any[]).flatMap((c) => c.tests.map((t: any) => [c.name, t.rho, c, t] as const));
  it.each(tests)('%s, rho = %s', (name, rho, c, t) => {
    const r = logRankTest({ time: c.input.time, status: c.input.status, group: c.input.group, strata: c.input.strata ?? undefined }, { rho });
    expect(r.groups).toEqual(t.groups);
    expect(r.n).toEqual(t.n);
    expectAllClose(r.obs, t.obs, `${name} obs`);
    expectAllClose(r.exp, t.exp, `${name} exp`, 1e-10, 1e-14);
    // off-diagonal sums of opposite terms can be 0 in R and 1e-17 here: absolute near 0
    expectAllClose(r.var.flat(), t.var.flat(), `${name} var`, 1e-10, 1e-14);
    expectClose(r.chisq, t.chisq, `${name} chisq`, 1e-10, 1e-14);
    expect(r.df).toBe(t.df);
    expectClose(r.pvalue, t.pvalue, `${name} pvalue`);
    if (t.strataObs) {
      expect(r.strata?.n).toEqual(t.strataN);
      expectAllClose(r.strata!.obs.flat(), t.strataObs.flat(), `${name} obs by stratum`);
      expectAllClose(r.strata!.exp.flat(), t.strataExp.flat(), `${name} exp by stratum`, 1e-10, 1e-14);
    }
  });
});

describe('logRankTest: invalid input and degenerate cases', () => {
  it('one group -> RangeError (R: "There is only 1 group")', () => {
    expect(() => logRankTest({ time: [1, 2], status: [1, 1], group: ['a', 'a'] })).toThrow('only 1 group');
  });
  it.each([
    ['negative time', { time: [-1, 2], status: [1, 1], group: ['a', 'b'] }],
    ['status 3', { time: [1, 2], status: [3, 1], group: ['a', 'b'] }],
    ['group length differs', { time: [1, 2], status: [1, 1], group: ['a'] }],
    ['empty', { time: [], status: [], group: [] }],
    ['empty group label', { time: [1, 2], status: [1, 1], group: ['a', ''] }],
  ])('%s -> RangeError', (_, data) => {
    expect(() => logRankTest(data as any)).toThrow(RangeError);
  });
  it('a singular variance (a group whose only death is alone in its stratum): generalized inverse, df = rank', () => {
    // stratum 1 has only group a; in stratum 2 the single subject of group b dies alone: E_b = 1, V = 0.
    // R stops ("system is exactly singular"); here the b component is dropped: chisq 0, df 0, p 1.
    const r = logRankTest({ time: [1, 2, 3, 5], status: [1, 1, 0, 1], group: ['a', 'a', 'a', 'b'], strata: [1, 1, 1, 2] });
    expect(r.exp[1]).toBe(1);
    expect([r.chisq, r.df, r.pvalue]).toEqual([0, 0, 1]);
  });
});
