import { expectClose, loadFixture, loadMayoExpected } from '../../../test/reference/fixtures';
import { Sex } from './rateTable.model';
import { loadRateTable } from './rateTable.loader';
import { oneSampleLogRank, rateTableComparison } from './oneSampleLogRank.survdiff';

/* eslint-disable @typescript-eslint/no-explicit-any */
const fixture = loadFixture('rate-tables.json');

describe('oneSampleLogRank', () => {
  it('hand-worked: O = 2, E = 0.5 + 0.25 + 0.25 = 1, chisq = (2 - 1)²/1 = 1, p = 2·Φ(-1)', () => {
    const r = oneSampleLogRank({ status: [1, 0, 1], expectedHazard: [0.5, 0.25, 0.25] });
    expect(r).toEqual({ n: 3, obs: 2, exp: 1, var: 1, chisq: 1, df: 1, pvalue: expect.any(Number) });
    expectClose(r.pvalue, 0.3173105078629141, 'p', 1e-14);
  });
  it('mayo-2012 vs Minnesota: R survdiff(Surv(time, status) ~ offset(expsurv)) to 1e-10', () => {
    const f = fixture.mayo;
    const subjects = f.subjects.ageDays.map((ageDays: number, i: number) => ({
      ageDays,
      entryDate: f.subjects.entryDate[i],
      sex: f.subjects.sex[i] as Sex,
      time: f.subjects.time[i],
      status: f.subjects.status[i],
    }));
    const r = rateTableComparison(loadRateTable('minnesota'), subjects);
    expect([r.n, r.obs, r.df]).toEqual([f.survdiff.n, f.survdiff.obs, 1]);
    expectClose(r.exp, f.survdiff.exp, 'exp');
    expectClose(r.var, f.survdiff.var, 'var');
    expectClose(r.chisq, f.survdiff.chisq, 'chisq');
    expectClose(r.pvalue, f.survdiff.pvalue, 'pvalue');
    // and the values printed in expected.json (12 digits), the paper's P = .12; the shipped CSV has
    // R's rates to 11 significant digits, which moves p by ~2e-11 relative
    const printed = loadMayoExpected().logrank_one_sample_minnesota;
    expectClose(r.exp, printed.expected, 'expected.json expected', 1e-10);
    expectClose(r.chisq, printed.chisq, 'expected.json chisq', 1e-10);
    expectClose(r.pvalue, printed.p, 'expected.json p', 1e-10);
    expect(r.pvalue.toFixed(2)).toBe('0.12');
  });
  it('invalid input -> RangeError', () => {
    expect(() => oneSampleLogRank({ status: [], expectedHazard: [] })).toThrow(RangeError);
    expect(() => oneSampleLogRank({ status: [1, 2], expectedHazard: [1, 1] })).toThrow(RangeError);
    expect(() => oneSampleLogRank({ status: [1], expectedHazard: [-1] })).toThrow(RangeError);
    expect(() => oneSampleLogRank({ status: [1], expectedHazard: [NaN] })).toThrow(RangeError);
    expect(() => oneSampleLogRank({ status: [1], expectedHazard: [0] })).toThrow('expected number of deaths is 0');
    expect(() => oneSampleLogRank({ status: [1, 0], expectedHazard: [1] })).toThrow(RangeError);
  });
});
