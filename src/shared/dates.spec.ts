import fc from 'fast-check';
import { daysBetween, fromEpochDay, isIsoDate, latestCalendarDateAt, toEpochDay } from './dates';

/** The reference: JavaScript's own Date, which counts the proleptic Gregorian calendar. */
const byDate = (text: string) => Date.parse(`${text}T00:00:00Z`) / 86_400_000;

describe('toEpochDay', () => {
  it('given every calendar day from 1800 to 2200, when converted, then it counts the days Date counts', () => {
    const first = byDate('1800-01-01');
    const last = byDate('2200-12-31');
    for (let day = first; day <= last; day++) {
      const text = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (toEpochDay(text) !== day) throw new Error(`${text}: ${toEpochDay(text)} != ${day}`);
    }
    expect(last - first + 1).toBe(401 * 365 + 97); // 97 leap years: 100 multiples of 4 from 1804, less 1900, 2100, 2200
  });

  it('given hand-counted days, then they are what they are', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('1970-03-01')).toBe(59);
    expect(toEpochDay('2000-03-01')).toBe(11_017); // 30 years incl. 7 leap days, + 31 + 29
    expect(toEpochDay('1969-12-31')).toBe(-1);
    expect(toEpochDay('2000-01-01')).toBe(30 * 365 + 7); // leap years 1972 ... 1996
    expect(daysBetween('2012-02-28', '2012-03-01')).toBe(2);
    expect(daysBetween('2100-02-28', '2100-03-01')).toBe(1);
  });

  it('given any year from 100 to 9999, then it agrees with Date and round-trips through fromEpochDay', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0100-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }), (instant) => {
        const text = instant.toISOString().slice(0, 10);
        expect(toEpochDay(text)).toBe(byDate(text));
        expect(fromEpochDay(toEpochDay(text))).toBe(text);
      }),
      { numRuns: 5000 },
    );
  });

  it.each(['2021-02-30', '2019-02-29', '1900-02-29', '2021-13-01', '2021-00-10', '2021-04-31', '2021-1-01', '21-01-01', '2021/01/01', '２０２１-01-01', '0050-01-01', '', '2021-01-01T00:00:00Z', '+02021-01-01'])(
    'given %j, which is no ISO calendar date, then it is refused as isIsoDate refuses it',
    (text) => {
      expect(isIsoDate(text)).toBe(false);
      expect(() => toEpochDay(text)).toThrow(RangeError);
    },
  );

  it('given random text, then it converts exactly what isIsoDate accepts', () => {
    const dateLike = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.oneof(dateLike, fc.string({ maxLength: 12 })), (text) => {
        if (isIsoDate(text)) expect(toEpochDay(text)).toBe(byDate(text));
        else expect(() => toEpochDay(text)).toThrow(RangeError);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('latestCalendarDateAt', () => {
  it('given an instant, when asked for the latest date on Earth, then it is the UTC+14 date, however often and in whatever order it is asked', () => {
    // 12:00Z + 14 h = 02:00 the next day; 09:59:59Z + 14 h = 23:59:59 the same day
    expect(latestCalendarDateAt('2011-06-30T12:00:00Z')).toBe('2011-07-01');
    expect(latestCalendarDateAt('2011-06-30T12:00:00Z')).toBe('2011-07-01');
    expect(latestCalendarDateAt('2011-06-30T09:59:59Z')).toBe('2011-06-30');
    expect(latestCalendarDateAt('2011-06-30T12:00:00Z')).toBe('2011-07-01');
  });

  it('given text that is not an instant, when asked, then it throws, also for the empty string', () => {
    expect(() => latestCalendarDateAt('')).toThrow(RangeError);
    expect(() => latestCalendarDateAt('yesterday')).toThrow(RangeError);
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2020-02-29', true], // 2020 is a leap year
    ['2000-02-29', true], // divisible by 400
    ['1900-02-29', false], // divisible by 100, not by 400
    ['2021-02-29', false],
    ['2021-02-30', false],
    ['2021-04-31', false],
    ['2021-12-31', true],
    ['0099-01-01', false], // Date.UTC would read year 99 as 1999: never accepted
    ['0100-01-01', true],
    ['2021-1-01', false],
    ['2021-01-01\n', false],
    [' 2021-01-01', false],
    ['2021/01/01', false],
  ])('given %j, then it is a calendar date: %s', (text, expected) => {
    expect(isIsoDate(text)).toBe(expected);
  });

  it('given a value that is not text, then it is not a date', () => {
    expect(isIsoDate(20210101)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });
});
