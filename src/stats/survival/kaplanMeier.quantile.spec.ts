import { expectAllClose, loadFixture } from '../../../test/reference/fixtures';
import { ConfType } from './kaplanMeier.confint';
import { kaplanMeier } from './kaplanMeier.estimator';
import { medianSurvival, survivalQuantiles } from './kaplanMeier.quantile';

/* eslint-disable @typescript-eslint/no-explicit-any */
const fixture = loadFixture('kaplan-meier.json');

describe('survival quantiles: hand-worked', () => {
  // all four die, at t = 1, 2, 2, 3: S = 0.75, 0.25, 0 -> 1 - S = 0.25, 0.75, 1.
  // p = 0.25 is reached exactly at t = 1 and held until t = 2: midpoint 1.5 (R's rule for a flat
  // stretch at exactly p); p = 0.5 is first passed at t = 2; p = 0.75 is exactly reached at t = 2 and
  // held until t = 3: 2.5. Lower (log) curve: 0.426, 0.046, NA -> 1 - lower reaches 0.25 at t = 1 and
  // 0.5, 0.75 at t = 2. Upper curve: 1, 1, NA -> never leaves 0: NA (null).
  const curve = kaplanMeier({ time: [1, 2, 2, 3], status: [1, 1, 1, 1] }).curves[0];
  it('quartiles and limits', () => {
    expect(survivalQuantiles(curve)).toEqual([
      { prob: 0.25, quantile: 1.5, lower: 1, upper: null },
      { prob: 0.5, quantile: 2, lower: 1, upper: null },
      { prob: 0.75, quantile: 2.5, lower: 2, upper: null },
    ]);
  });
  it('a median never reached is null (its lower limit may exist)', () => {
    // S = 0.75 after the death at 1, then only censorings: the median is never reached, but the lower
    // log limit 0.75·exp(-1.96·sqrt(1/12)) = 0.426 is below 0.5 from t = 1 on.
    const censored = kaplanMeier({ time: [1, 2, 3, 4], status: [1, 0, 0, 0] }).curves[0];
    expect(medianSurvival(censored)).toEqual({ prob: 0.5, quantile: null, lower: 1, upper: null });
  });
  it('a curve ending at exactly 0.5: midpoint of the time it gets there and the last time', () => {
    // S = 0.75, 0.5, 0.5, 0.5: 1 - S reaches 0.5 at t = 2 and stays there to the end (t = 4): (2 + 4)/2
    const curve2 = kaplanMeier({ time: [1, 2, 3, 4], status: [1, 1, 0, 0] }).curves[0];
    expect(medianSurvival(curve2).quantile).toBe(3);
  });
  it('probabilities outside [0, 1] -> RangeError', () => {
    expect(() => survivalQuantiles(curve, [1.5])).toThrow(RangeError);
  });
});

describe('survival quantiles against R quantile.survfit, 1e-10 relative', () => {
  const fits = (fixture.cases as any[]).flatMap((c) => c.fits.map((f: any) => [c.name, f.confType, c, f] as const));
  it.each(fits)('%s, %s', (name, confType, c, f) => {
    const fit = kaplanMeier({ time: c.input.time, status: c.input.status, strata: c.input.strata ?? undefined }, { confType: confType as ConfType, confLevel: f.confLevel });
    fit.curves.forEach((curve, s) => {
      const r = f.curves[s].quantiles;
      const q = survivalQuantiles(curve, r.probs);
      const label = `${name} ${confType} ${curve.strata ?? ''}`;
      expectAllClose(q.map((x) => x.quantile), r.quantile, `${label} quantile`);
      expectAllClose(q.map((x) => x.lower), r.lower, `${label} lower`);
      expectAllClose(q.map((x) => x.upper), r.upper, `${label} upper`);
    });
  });
  it('the mayo-2012 median survival is not reached (expected.json: null)', () => {
    const mayo = (fixture.cases as any[]).find((c) => c.name.startsWith('mayo-2012'));
    expect(medianSurvival(kaplanMeier({ time: mayo.input.time, status: mayo.input.status }).curves[0]).quantile).toBeNull();
  });
});
