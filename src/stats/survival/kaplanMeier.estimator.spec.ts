import { expectAllClose, expectClose, loadFixture, loadMayoExpected, readCohortCsv } from '../../../test/reference/fixtures';
import { confidenceLimits, ConfType, twoSidedZ } from './kaplanMeier.confint';
import { kaplanMeier } from './kaplanMeier.estimator';

/* eslint-disable @typescript-eslint/no-explicit-any */
const fixture = loadFixture('kaplan-meier.json');
const z95 = 1.959963984540054;

describe('kaplanMeier: hand-worked tied/censored example', () => {
  // time 1 2 2 3 4, status 1 1 0 1 0 (at t = 2 one death and one censoring, tied)
  //  t  n  d  c   S                     Σ d/(n(n-d))                 stdErr = sqrt(.)
  //  1  5  1  0   4/5 = 0.8             1/(5·4) = 0.05               0.2236068
  //  2  4  1  1   0.8·3/4 = 0.6         0.05 + 1/(4·3) = 0.1333333   0.3651484
  //  3  2  1  0   0.6·1/2 = 0.3         0.1333 + 1/(2·1) = 0.6333333 0.7958224
  //  4  1  0  1   0.3                   unchanged
  // log limits at t = 1: 0.8·exp(∓1.959964·0.2236068) = 0.5161286 and 1.2400 -> clamped to 1
  // the censoring at t = 2 counts in the risk set at t = 2 (censored after the death), so n = 4 there.
  const fit = kaplanMeier({ time: [1, 2, 2, 3, 4], status: [1, 1, 0, 1, 0] });
  const rows = fit.curves[0].rows;

  it('counts per distinct time', () => {
    expect(rows.map((r) => [r.time, r.nRisk, r.nEvent, r.nCensor])).toEqual([
      [1, 5, 1, 0],
      [2, 4, 1, 1],
      [3, 2, 1, 0],
      [4, 1, 0, 1],
    ]);
  });
  it('survival, Greenwood standard errors (log scale and of S) and log limits', () => {
    expect(rows.map((r) => r.surv)).toEqual([0.8, 0.6000000000000001, 0.30000000000000004, 0.30000000000000004]);
    expectAllClose(rows.map((r) => r.stdErr), [Math.sqrt(0.05), Math.sqrt(0.05 + 1 / 12), Math.sqrt(0.05 + 1 / 12 + 0.5), Math.sqrt(0.05 + 1 / 12 + 0.5)], 'stdErr', 1e-15);
    expectClose(rows[1].stdErrSurv, 0.6 * Math.sqrt(0.05 + 1 / 12), 'stdErrSurv', 1e-15);
    expectClose(rows[0].lower, 0.8 * Math.exp(-z95 * Math.sqrt(0.05)), 'lower', 1e-15);
    expect(rows[0].upper).toBe(1);
    expect(fit.curves[0]).toMatchObject({ strata: null, n: 5, events: 3 });
    expect(fit).toMatchObject({ confType: 'log', confLevel: 0.95 });
  });
});

describe('confidence limits (survfit_confint)', () => {
  it('z and the log limits of S = 0.75 with 4 at risk, 1 death (R: 0.42593227, 1)', () => {
    expect(twoSidedZ(0.95)).toBe(z95);
    const limits = confidenceLimits(0.75, Math.sqrt(1 / 12), 'log', twoSidedZ(0.95));
    expectClose(limits.lower, 0.75 * Math.exp(-z95 * Math.sqrt(1 / 12)), 'lower', 1e-15);
    expectClose(limits.lower, 0.42593227, 'lower (R, 8 digits)', 1e-7);
    expect(limits.upper).toBe(1);
  });
  it('NA where R gives NA: log at S = 0, log-log at S = 0 or 1; plain at S = 0 with infinite se (NaN)', () => {
    expect(confidenceLimits(0, Infinity, 'log', z95)).toEqual({ lower: null, upper: null });
    expect(confidenceLimits(1, 0, 'log-log', z95)).toEqual({ lower: null, upper: null });
    expect(confidenceLimits(0, Infinity, 'plain', z95)).toEqual({ lower: null, upper: null });
    expect(confidenceLimits(1, 0, 'plain', z95)).toEqual({ lower: 1, upper: 1 });
    expect(() => confidenceLimits(0.5, 0.1, 'arcsin' as ConfType, z95)).toThrow(RangeError);
  });
});

describe('kaplanMeier against R survfit (test/reference/fixtures/kaplan-meier.json), 1e-10 relative', () => {
  const cases: any[] = fixture.cases;
  const fits = cases.flatMap((c) => c.fits.map((f: any) => [c.name, f.confType, f.confLevel, c, f] as const));
  it.each(fits)('%s, %s %s', (name, confType, confLevel, c, f) => {
    const fit = kaplanMeier({ time: c.input.time, status: c.input.status, strata: c.input.strata ?? undefined }, { confType: confType as ConfType, confLevel });
    expect(fit.curves.map((cv) => cv.strata)).toEqual(f.curves.map((cv: any) => cv.strata ?? null));
    fit.curves.forEach((curve, s) => {
      const r = f.curves[s];
      const label = `${name} ${confType} ${curve.strata ?? ''}`;
      expect(curve.n).toBe(r.n);
      expect(curve.rows.map((x) => x.time)).toEqual(r.time);
      expect(curve.rows.map((x) => x.nRisk)).toEqual(r.nRisk);
      expect(curve.rows.map((x) => x.nEvent)).toEqual(r.nEvent);
      expect(curve.rows.map((x) => x.nCensor)).toEqual(r.nCensor);
      expectAllClose(curve.rows.map((x) => x.surv), r.surv, `${label} surv`);
      expectAllClose(curve.rows.map((x) => x.stdErr), r.stdErr, `${label} stdErr`);
      expectAllClose(curve.rows.map((x) => x.lower), r.lower, `${label} lower`);
      expectAllClose(curve.rows.map((x) => x.upper), r.upper, `${label} upper`);
    });
  });
});

describe('kaplanMeier against the mayo-2012 expected.json (R survfit, printed to 12 digits)', () => {
  const expected = loadMayoExpected().kaplan_meier;
  const data = readCohortCsv('expected/survival.csv');
  const input = { time: data.map((d) => Number(d.time_months)), status: data.map((d) => Number(d.status)) };
  it.each(['log', 'log-log', 'plain'] as ConfType[])('full table, confType %s', (confType) => {
    const rows = kaplanMeier(input, { confType }).curves[0].rows;
    const table: any[] = expected.table[confType];
    expect(rows).toHaveLength(table.length);
    table.forEach((t, j) => {
      const row = rows[j];
      expect([row.nRisk, row.nEvent, row.nCensor]).toEqual([t.n_risk, t.n_event, t.n_censor]);
      expectClose(row.time, t.time, `time[${j}]`, 1e-10);
      for (const [ours, theirs] of [['surv', 'surv'], ['stdErr', 'std_err'], ['lower', 'lower'], ['upper', 'upper']] as const) {
        expectClose(row[ours], t[theirs], `${confType} ${ours}[${j}]`, 0, 1e-12);
      }
    });
  });
  it('7 deaths among 75 patients', () => {
    const curve = kaplanMeier(input).curves[0];
    expect([curve.n, curve.events]).toEqual([expected.n, expected.events]);
  });
});

describe('kaplanMeier: invalid input', () => {
  it.each([
    ['negative time', { time: [1, -2], status: [1, 0] }],
    ['NaN time', { time: [1, NaN], status: [1, 0] }],
    ['infinite time', { time: [1, Infinity], status: [1, 0] }],
    ['status 2', { time: [1, 2], status: [1, 2] }],
    ['empty data', { time: [], status: [] }],
    ['lengths differ', { time: [1, 2, 3], status: [1, 0] }],
    ['strata length differs', { time: [1, 2], status: [1, 0], strata: ['a'] }],
  ])('%s -> RangeError', (_, data) => {
    expect(() => kaplanMeier(data as any)).toThrow(RangeError);
  });
  it('names the problem', () => {
    expect(() => kaplanMeier({ time: [1, -2], status: [1, 0] })).toThrow('time[1] is negative');
    expect(() => kaplanMeier({ time: [1], status: [1] }, { confType: 'logit' as ConfType })).toThrow(RangeError);
    expect(() => kaplanMeier({ time: [1], status: [1] }, { confLevel: 1 })).toThrow(RangeError);
  });
});
