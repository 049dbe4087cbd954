import { expectAllClose, loadFixture } from '../../../test/reference/fixtures';
import { expectedCumulativeHazard } from './expectedHazard.pyears';
import { edererExpectedSurvival } from './expectedSurvival.ederer';
import { loadRateTable } from './rateTable.loader';
import { rateTableFromRows, Sex } from './rateTable.model';

/* eslint-disable @typescript-eslint/no-explicit-any */
const fixture = loadFixture('rate-tables.json');

describe('edererExpectedSurvival', () => {
  it('hand-worked: the mean of the subjects\' expected survivals', () => {
    // one cell per sex: women 1e-4, men 3e-4 per day. At t = 100: e^-0.01 and e^-0.03, mean 0.9802475...
    const table = rateTableFromRows('flat', [
      { sex: 'female', year: 2000, age: 0, dailyHazard: 1e-4 },
      { sex: 'male', year: 2000, age: 0, dailyHazard: 3e-4 },
    ]);
    const subjects = [
      { ageDays: 100, entryDate: '2000-05-05', sex: 'female' as Sex },
      { ageDays: 100, entryDate: '2000-05-05', sex: 'male' as Sex },
    ];
    const curve = edererExpectedSurvival(table, subjects, [0, 50, 100]);
    expect(curve.map((p) => p.time)).toEqual([0, 50, 100]);
    expect(curve[0].surv).toBe(1);
    expect(curve[2].surv).toBeCloseTo((Math.exp(-0.01) + Math.exp(-0.03)) / 2, 15);
    expect(curve[1].nRisk).toBe(2);
  });
  it('mayo-2012 vs Minnesota at 0, 1, 5, 10, 15, 20 years: R survexp(~1, method = "ederer") to 1e-10', () => {
    const f = fixture.mayo;
    const subjects = f.subjects.ageDays.map((ageDays: number, i: number) => ({ ageDays, entryDate: f.subjects.entryDate[i], sex: f.subjects.sex[i] as Sex }));
    const mn = loadRateTable('minnesota');
    const curve = edererExpectedSurvival(mn, subjects, f.ederer.times);
    expectAllClose(curve.map((p) => p.surv), f.ederer.surv, 'Ederer');
    // = mean of exp(-H_i(t)), the definition
    const last = f.ederer.times[f.ederer.times.length - 1];
    const mean = subjects.reduce((s: number, x: any) => s + Math.exp(-expectedCumulativeHazard(mn, x, last)), 0) / subjects.length;
    expect(curve[curve.length - 1].surv).toBeCloseTo(mean, 14);
  });
  it('times must be increasing, finite and >= 0', () => {
    const mn = loadRateTable('minnesota');
    const s = [{ ageDays: 1000, entryDate: '1990-01-01', sex: 'male' as Sex }];
    expect(() => edererExpectedSurvival(mn, s, [10, 5])).toThrow('increasing');
    expect(() => edererExpectedSurvival(mn, s, [-1])).toThrow(RangeError);
    expect(() => edererExpectedSurvival(mn, [], [1])).toThrow(RangeError);
  });
});
