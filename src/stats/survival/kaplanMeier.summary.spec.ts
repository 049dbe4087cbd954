import { expectAllClose, expectClose, loadFixture, loadMayoExpected, readCohortCsv } from '../../../test/reference/fixtures';
import { ConfType } from './kaplanMeier.confint';
import { kaplanMeier } from './kaplanMeier.estimator';
import { summarizeCurve, SurvivalSummaryRow } from './kaplanMeier.summary';

/* eslint-disable @typescript-eslint/no-explicit-any */
const fixture = loadFixture('kaplan-meier.json');

describe('summarizeCurve: hand-worked step semantics', () => {
  // time 1 2 2 3 4, status 1 1 0 1 0: S = 0.8, 0.6, 0.3, 0.3 at t = 1, 2, 3, 4
  // t = 0   before the first time: S = 1, 5 at risk, nothing happened yet
  // t = 2.5 S of the last row at or before 2.5 (t = 2): 0.6; at risk at 2.5: those with time >= 2.5 = 2;
  //         since 0: deaths at 1 and 2, one censoring at 2
  // t = 10  past the end (extend): S = 0.3, 0 at risk; since 2.5: the death at 3, the censoring at 4
  const curve = kaplanMeier({ time: [1, 2, 2, 3, 4], status: [1, 1, 0, 1, 0] }).curves[0];
  it('with extend', () => {
    const rows = summarizeCurve(curve, [10, 0, 2.5], { extend: true });
    expect(rows.map((r) => [r.time, r.nRisk, r.nEvent, r.nCensor])).toEqual([
      [0, 5, 0, 0],
      [2.5, 2, 2, 1],
      [10, 0, 1, 1],
    ]);
    expect(rows.map((r) => r.surv)).toEqual([1, 0.6000000000000001, 0.30000000000000004]);
    expect(rows[0]).toMatchObject({ stdErr: 0, stdErrSurv: 0, lower: 1, upper: 1 });
  });
  it('without extend, times past the last follow-up are dropped (R default)', () => {
    expect(summarizeCurve(curve, [0, 2.5, 10]).map((r) => r.time)).toEqual([0, 2.5]);
  });
  it('invalid times -> RangeError', () => {
    expect(() => summarizeCurve(curve, [-1])).toThrow(RangeError);
    expect(() => summarizeCurve(curve, [NaN])).toThrow(RangeError);
  });
});

function compareSummary(rows: SurvivalSummaryRow[], r: any, at: number[], label: string): void {
  expect(rows.map((x) => x.time)).toEqual(at.map((i) => r.time[i]));
  expect(rows.map((x) => x.nRisk)).toEqual(at.map((i) => r.nRisk[i]));
  expect(rows.map((x) => x.nEvent)).toEqual(at.map((i) => r.nEvent[i]));
  expect(rows.map((x) => x.nCensor)).toEqual(at.map((i) => r.nCensor[i]));
  expectAllClose(rows.map((x) => x.surv), at.map((i) => r.surv[i]), `${label} surv`);
  expectAllClose(rows.map((x) => x.stdErrSurv), at.map((i) => r.stdErrSurv[i]), `${label} stdErrSurv`);
  expectAllClose(rows.map((x) => x.lower), at.map((i) => r.lower[i]), `${label} lower`);
  expectAllClose(rows.map((x) => x.upper), at.map((i) => r.upper[i]), `${label} upper`);
}

describe('summarizeCurve against R summary(fit, times, extend), 1e-10 relative', () => {
  const fits = (fixture.cases as any[]).flatMap((c) => c.fits.map((f: any) => [c.name, f.confType, c, f] as const));
  it.each(fits)('%s, %s', (name, confType, c, f) => {
    const fit = kaplanMeier({ time: c.input.time, status: c.input.status, strata: c.input.strata ?? undefined }, { confType: confType as ConfType, confLevel: f.confLevel });
    for (const [extend, r] of [[true, f.summaryExtended], [false, f.summary]] as const) {
      if (r === null) continue; // R stops: no time left without extend
      fit.curves.forEach((curve) => {
        const label = curve.strata ?? 'all';
        const at = (r.strata as string[]).map((s, i) => (s === label ? i : -1)).filter((i) => i >= 0);
        compareSummary(summarizeCurve(curve, c.times, { extend }), r, at, `${name} ${confType} ${label} extend=${extend}`);
      });
    }
  });
});

describe('summarizeCurve against the mayo-2012 expected.json (the paper figures at 60-240 months, as-of datasets)', () => {
  const expected = loadMayoExpected();
  const check = (file: string, at: any, label: string) => {
    const data = readCohortCsv(file);
    const input = { time: data.map((d) => Number(d.time_months)), status: data.map((d) => Number(d.status)) };
    for (const confType of ['log', 'log-log', 'plain'] as ConfType[]) {
      const want: any[] = at[confType];
      const rows = summarizeCurve(kaplanMeier(input, { confType }).curves[0], want.map((w) => w.time), { extend: true });
      want.forEach((w, i) => {
        expect([rows[i].time, rows[i].nRisk, rows[i].nEvent]).toEqual([w.time, w.n_risk, w.n_event]);
        for (const [ours, theirs] of [['surv', 'surv'], ['stdErrSurv', 'std_err_surv'], ['lower', 'lower'], ['upper', 'upper']] as const) {
          expectClose(rows[i][ours], w[theirs], `${label} ${confType} ${ours} at ${w.time}`, 0, 1e-12);
        }
      });
    }
  };
  it('survival at 60, 120, 180 and 240 months (paper: 96%, 91%, 87%, 72%; 38, 22, 14, 9 at risk)', () => {
    check('expected/survival.csv', expected.kaplan_meier.at, 'mayo');
    const rows = summarizeCurve(kaplanMeier({ time: readCohortCsv('expected/survival.csv').map((d) => Number(d.time_months)), status: readCohortCsv('expected/survival.csv').map((d) => Number(d.status)) }).curves[0], [60, 120, 180, 240]);
    expect(rows.map((r) => r.nRisk)).toEqual([38, 22, 14, 9]);
    expect(rows.map((r) => Math.round(r.surv * 100))).toEqual([96, 91, 87, 72]);
  });
  it.each(Object.keys(expected.as_of))('as-of %s dataset', (cutoff) => {
    check(expected.as_of[cutoff].file, expected.as_of[cutoff].at, cutoff);
  });
});
