/**
 * The one module for calendar arithmetic. Clinical (valid) time is an ISO calendar date with no time
 * zone; everything here works on whole days since 1970-01-01 (UTC) so that no local offset or daylight
 * saving change can move a date.
 */

export type IsoDate = string;

const MS_PER_DAY = 86_400_000;

/** The seed study's month: days / (365.25 / 12). */
export const DAYS_PER_MONTH = 365.25 / 12;
export const DAYS_PER_YEAR = 365.25;

/** True for a real calendar date in YYYY-MM-DD form (2021-02-30 is not one). */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && epochDayOf(value) !== null;
}

/**
 * Days since 1970-01-01; throws RangeError for anything but a real ISO date (what isIsoDate accepts).
 * Datasets convert dates millions of times, so this reads the digits and counts the days itself
 * (the proleptic Gregorian calendar, as Date does) instead of asking Date to parse text.
 */
export function toEpochDay(date: IsoDate): number {
  const day = epochDayOf(date);
  if (day === null) throw new RangeError(`not an ISO calendar date: ${JSON.stringify(date)}`);
  return day;
}

function epochDayOf(text: string): number | null {
  if (typeof text !== 'string' || text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  // Date.UTC reads years 0-99 as 1900-1999, so isIsoDate has never accepted them: neither does this
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

/** The number the decimal digits text[from, from + count) write; -1 when one is not a digit. */
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (year: number, month: number) => (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]);

/** H. Hinnant's days_from_civil: whole 400-year eras of 146,097 days, years counted from 1 March. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Days since 1970-01-01 of 1 January of `year`. @example januaryFirst(1971) = 365 */
export function januaryFirst(year: number): number {
  return Date.UTC(year, 0, 1) / MS_PER_DAY;
}

/** The calendar year containing a (possibly fractional) day count since 1970-01-01. @example yearOfEpochDay(365.5) = 1971 */
export function yearOfEpochDay(day: number): number {
  return new Date(Math.floor(day) * MS_PER_DAY).getUTCFullYear();
}

export function fromEpochDay(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Signed number of days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

export function monthsFromDays(days: number): number {
  return days / DAYS_PER_MONTH;
}

export function yearsFromDays(days: number): number {
  return days / DAYS_PER_YEAR;
}

/** Completed years from `birth` to `on` (the age a person gives), by calendar anniversaries. */
export function completedYears(birth: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = birth.split('-').map(Number);
  const [oy, om, od] = on.split('-').map(Number);
  const hadBirthday = om > bm || (om === bm && od >= bd);
  return oy - by - (hadBirthday ? 0 : 1);
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxDate(dates: readonly IsoDate[]): IsoDate | null {
  return dates.reduce<IsoDate | null>((max, d) => (max === null || d > max ? d : max), null);
}

export function minDate(dates: readonly IsoDate[]): IsoDate | null {
  return dates.reduce<IsoDate | null>((min, d) => (min === null || d < min ? d : min), null);
}

/**
 * The latest calendar date anywhere on Earth at an instant (UTC+14): a fact recorded at `instant`
 * cannot be dated later than this, whatever the time zone of the person who saw it.
 */
export function latestCalendarDateAt(instant: string): IsoDate {
  // a batch of commands (an import: millions) asks again and again for the same instant
  if (instant !== lastInstant) [lastInstant, lastLatest] = [instant, new Date(epochMsOfInstant(instant) + 14 * 3_600_000).toISOString().slice(0, 10)];
  return lastLatest;
}
let lastInstant: string | undefined;
let lastLatest = '';

/**
 * Milliseconds since 1970 of an ISO instant (digits below the millisecond are dropped). Knowledge cuts
 * compare instants by this value: as text, "10:00+02:00" would sort after "09:00Z" although it is earlier.
 */
export function epochMsOfInstant(instant: string): number {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant: ${JSON.stringify(instant)}`);
  return ms;
}

/** True for an ISO 8601 instant with a time zone (what `recordedAt` and `knownAt` are). */
export function isIsoInstant(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    isIsoDate(value.slice(0, 10)) &&
    !Number.isNaN(Date.parse(value))
  );
}
