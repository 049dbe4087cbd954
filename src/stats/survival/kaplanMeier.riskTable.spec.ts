import { loadFixture } from '../../../test/reference/fixtures';
import { kaplanMeier } from './kaplanMeier.estimator';
import { numberAtRiskTable } from './kaplanMeier.riskTable';

/* eslint-disable @typescript-eslint/no-explicit-any */
const fixture = loadFixture('kaplan-meier.json');

describe('numberAtRiskTable (KMunicate layout)', () => {
  it('hand-worked: 5 subjects, deaths at 1, 2, 3, censorings at 2 and 4', () => {
    // t = 0: all 5 at risk; t = 2: time >= 2 -> 4 at risk, the deaths at 1 and 2 happened (2), the
    // censoring at 2 too (1); t = 5: no one left, 3 deaths, 2 censored. 5 = 0 + 3 + 2.
    const fit = kaplanMeier({ time: [1, 2, 2, 3, 4], status: [1, 1, 0, 1, 0] });
    expect(numberAtRiskTable(fit, [5, 0, 2])).toEqual([
      { strata: null, time: 0, nRisk: 5, cumEvents: 0, cumCensored: 0 },
      { strata: null, time: 2, nRisk: 4, cumEvents: 2, cumCensored: 1 },
      { strata: null, time: 5, nRisk: 0, cumEvents: 3, cumCensored: 2 },
    ]);
  });
  it('per group, against R cumsum(summary(fit, times, extend = TRUE)$n.event / $n.censor)', () => {
    for (const c of fixture.cases as any[]) {
      const fit = kaplanMeier({ time: c.input.time, status: c.input.status, strata: c.input.strata ?? undefined });
      const r = c.fits[0].summaryExtended;
      const rows = numberAtRiskTable(fit, c.times);
      expect(rows.map((x) => [x.strata ?? 'all', x.time, x.nRisk, x.cumEvents, x.cumCensored])).toEqual(
        r.time.map((t: number, i: number) => [r.strata[i], t, r.nRisk[i], r.cumEvents[i], r.cumCensored[i]]),
      );
    }
  });
  it('invalid times -> RangeError', () => {
    expect(() => numberAtRiskTable(kaplanMeier({ time: [1], status: [1] }), [Infinity])).toThrow(RangeError);
  });
});
