import { readFileSync } from 'fs';
import { join } from 'path';
import { sharedPath } from '../../../test/reference/fixtures';
import { loadRateTable, parseRateTable } from './rateTable.loader';
import { januaryFirst, toEpochDay, yearOfEpochDay } from '../../shared/dates';
import { dailyHazard, rateTableFromRows, RateTableRow } from './rateTable.model';

const tiny: RateTableRow[] = [
  { sex: 'female', year: 2000, age: 0, dailyHazard: 1e-5 },
  { sex: 'male', year: 2000, age: 0, dailyHazard: 2e-5 },
];

describe('rate tables', () => {
  it('toEpochDay counts days since 1970-01-01 (R: as.numeric(as.Date(x)))', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('1960-01-01')).toBe(-3653);
    expect(toEpochDay('2000-03-01') - toEpochDay('2000-02-28')).toBe(2);
    expect(() => toEpochDay('2001-02-29')).toThrow(RangeError);
    expect(() => toEpochDay('1.1.2001')).toThrow(RangeError);
    expect(januaryFirst(1971)).toBe(365);
    expect([yearOfEpochDay(364.9), yearOfEpochDay(365.5), yearOfEpochDay(-0.5)]).toEqual([1970, 1971, 1969]);
  });
  it('builds from rows and looks cells up', () => {
    const table = rateTableFromRows('tiny', tiny);
    expect([table.firstYear, table.lastYear, table.maxAge]).toEqual([2000, 2000, 0]);
    expect(dailyHazard(table, 'male', 0, 0)).toBe(2e-5);
  });
  it.each([
    ['a missing cell', tiny.slice(1), 'cell female 2000 age 0 is missing'],
    ['a duplicated cell', [...tiny, tiny[0]], 'appears twice'],
    ['an unknown sex', [...tiny, { sex: 'other', year: 2000, age: 0, dailyHazard: 0 }], 'unknown sex'],
    ['a negative hazard', [{ ...tiny[0], dailyHazard: -1 }, tiny[1]], 'hazard must be finite'],
    ['no rows', [], 'no rows'],
  ])('rejects %s with a RangeError', (_, rows, message) => {
    expect(() => rateTableFromRows('bad', rows as RateTableRow[])).toThrow(message);
  });
  it('an unknown cell -> RangeError', () => {
    const table = rateTableFromRows('tiny', tiny);
    expect(() => dailyHazard(table, 'female', 1, 0)).toThrow(RangeError);
    expect(() => dailyHazard(table, 'unknown' as 'female', 0, 0)).toThrow('no cell for sex');
  });
  it('parses CSV text and names a missing column', () => {
    expect(parseRateTable('csv', 'sex,year,age,daily_hazard\nfemale,2000,0,1e-5\nmale,2000,0,2e-5\n').hazard.length).toBe(2);
    expect(() => parseRateTable('csv', 'sex,year,age\nfemale,2000,0\n')).toThrow('column daily_hazard is missing');
  });
  it('ships Minnesota 1970-2013 and the United States 1940-2014, ages 0-109 (R survexp.mn, survexp.us)', () => {
    const mn = loadRateTable('minnesota');
    const us = loadRateTable('united-states');
    expect([mn.firstYear, mn.lastYear, mn.maxAge]).toEqual([1970, 2013, 109]);
    expect([us.firstYear, us.lastYear, us.maxAge]).toEqual([1940, 2014, 109]);
    // R: survexp.mn["0", "female", "1970"] = 3.9600554718199747e-05; the CSV keeps 11 digits
    expect(dailyHazard(mn, 'female', 0, 0)).toBe(3.9600554718e-5);
    expect(mn.ageCuts[1]).toBe(365.25);
    expect(mn.yearCuts[0]).toBe(0);
    expect(() => loadRateTable('mars' as 'minnesota')).toThrow(RangeError);
  });
  it('the shipped CSVs are unchanged copies of shared/ratetables', () => {
    for (const file of ['minnesota.csv', 'united-states.csv']) {
      expect(readFileSync(join(__dirname, file), 'utf8')).toBe(readFileSync(sharedPath('ratetables', file), 'utf8'));
    }
  });
});
