import { expectAllClose, expectClose, loadFixture, loadMayoExpected } from '../../../test/reference/fixtures';
import { expectedCumulativeHazard, expectedHazardPath, yearCoordinate } from './expectedHazard.pyears';
import { loadRateTable } from './rateTable.loader';
import { toEpochDay } from '../../shared/dates';
import { rateTableFromRows, Sex } from './rateTable.model';

/* eslint-disable @typescript-eslint/no-explicit-any */
const fixture = loadFixture('rate-tables.json');
const subjectsOf = (s: any) =>
  s.ageDays.map((ageDays: number, i: number) => ({ ageDays, entryDate: s.entryDate[i] as string, sex: s.sex[i] as Sex, time: s.time[i] as number }));

describe('expected cumulative hazard: hand-worked on a 2 x 2 table', () => {
  // ages 0-1, years 2000-2001; hazards per day:   2000    2001
  //                                       age 0   1e-4    2e-4
  //                                       age 1   3e-4    4e-4
  const table = rateTableFromRows('hand', [
    { sex: 'female', year: 2000, age: 0, dailyHazard: 1e-4 },
    { sex: 'female', year: 2001, age: 0, dailyHazard: 2e-4 },
    { sex: 'female', year: 2000, age: 1, dailyHazard: 3e-4 },
    { sex: 'female', year: 2001, age: 1, dailyHazard: 4e-4 },
    ...[2000, 2001].flatMap((year) => [0, 1].map((age) => ({ sex: 'male', year, age, dailyHazard: 0 }))),
  ]);
  // born and entering 2000-07-01 (age 0 days), followed 400 days.
  // US rule: the birth date is 182 days into its (leap) year, so the year coordinate starts at
  // 2000-07-01 - 182 days = 2000-01-01 and reaches 2001-01-01 after 366 days; the age cell changes
  // at 365.25 days:  [0, 365.25) age 0, 2000 | [365.25, 366) age 1, 2000 | [366, 400] age 1, 2001
  //   H = 365.25·1e-4 + 0.75·3e-4 + 34·4e-4 = 0.036525 + 0.000225 + 0.0136 = 0.05035
  // Calendar rule: the year changes on 2001-01-01, 184 days after entry:
  //   H = 184·1e-4 + 181.25·2e-4 + 34.75·4e-4 = 0.0184 + 0.03625 + 0.0139 = 0.06855
  const girl = { ageDays: 0, entryDate: '2000-07-01', sex: 'female' as Sex };
  it('US-style year (R type 4)', () => {
    expect(yearCoordinate(toEpochDay('2000-07-01'), 0, 'us')).toBe(toEpochDay('2000-01-01'));
    expect(expectedCumulativeHazard(table, girl, 400)).toBeCloseTo(0.05035, 15);
  });
  it('calendar year', () => {
    expect(expectedCumulativeHazard(table, girl, 400, { yearRule: 'calendar' })).toBeCloseTo(0.06855, 15);
  });
  it('the path at several times adds up, and is 0 at time 0', () => {
    expect(expectedHazardPath(table, girl, [0, 365.25, 400])).toEqual([0, expect.closeTo(0.036525, 15), expect.closeTo(0.05035, 15)]);
  });
  it('past the table: the last age and year cells carry on', () => {
    // entering at 2 years old in 2005: age 1 and year 2001 cells (4e-4) throughout
    expect(expectedCumulativeHazard(table, { ageDays: 800, entryDate: '2005-03-03', sex: 'female' }, 10)).toBeCloseTo(0.004, 15);
  });
  it('invalid subjects -> RangeError', () => {
    expect(() => expectedCumulativeHazard(table, { ...girl, ageDays: -1 }, 10)).toThrow(RangeError);
    expect(() => expectedCumulativeHazard(table, { ...girl, sex: 'x' as Sex }, 10)).toThrow('no cell for sex');
    expect(() => expectedCumulativeHazard(table, { ...girl, entryDate: '2000-13-01' }, 10)).toThrow(RangeError);
    expect(() => expectedCumulativeHazard(table, girl, -5)).toThrow(RangeError);
    expect(() => expectedCumulativeHazard(table, girl, NaN)).toThrow(RangeError);
    expect(() => expectedHazardPath(table, girl, [10, 5])).toThrow('increasing');
  });
});

describe('expected cumulative hazard against R survexp (test/reference/fixtures/rate-tables.json)', () => {
  const mn = loadRateTable('minnesota');
  const us = loadRateTable('united-states');
  it.each([
    ['mayo-2012 vs Minnesota', 'mayo', mn],
    ['synthetic edge cases vs the United States', 'unitedStates', us],
  ] as const)('%s', (_, key, table) => {
    const f = fixture[key];
    const subjects = subjectsOf(f.subjects);
    const us4 = subjects.map((s: any) => expectedCumulativeHazard(table, s, s.time));
    const calendar = subjects.map((s: any) => expectedCumulativeHazard(table, s, s.time, { yearRule: 'calendar' }));
    // same algorithm, same (CSV) rates in R: agreement to rounding (R's value went through
    // -log(exp(-H)), exact to ~1e-16 absolute only, hence the absolute term for small H)
    expectAllClose(us4, f.expectedHazardCsvTable, `${key} CSV-valued table`, 1e-13, 1e-15);
    expectAllClose(calendar, f.expectedHazardCalendarYear, `${key} calendar year`, 1e-13, 1e-15);
    // R's own survexp.mn / survexp.us: the CSV rounds the rates to 11 digits (max 4.9e-11 relative)
    expectAllClose(us4, f.expectedHazardR, `${key} R rate table`, 1e-10);
  });
  // expected.json prints 12 decimals (absolute 5e-13) of values from R's own table, which the CSV
  // has to 11 significant digits (relative 5e-11): both tolerances apply
  it('mayo-2012: each patient as in expected.json (R, 12 decimals), total 3.94289269066', () => {
    const expected = loadMayoExpected().logrank_one_sample_minnesota;
    const f = fixture.mayo;
    const subjects = subjectsOf(f.subjects);
    let total = 0;
    subjects.forEach((s: any, i: number) => {
      const h = expectedCumulativeHazard(mn, s, s.time);
      expectClose(h, expected.expected_by_patient_R[f.subjects.patientId[i]], f.subjects.patientId[i], 1e-10, 1e-12);
      total += h;
    });
    expectClose(total, expected.expected, 'expected deaths', 1e-11);
    // the year changing on 1 January instead: the README's alternative, 3.9217
    const calendar = subjects.reduce((sum: number, s: any) => sum + expectedCumulativeHazard(mn, s, s.time, { yearRule: 'calendar' }), 0);
    expect(calendar.toFixed(4)).toBe('3.9217');
  });
});
