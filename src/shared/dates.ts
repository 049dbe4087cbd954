/**
 * The one module for calendar arithmetic. Clinical (valid) time is an ISO calendar date with no time
 * zone; everything here works on whole days since 1970-01-01 (UTC) so that no local offset or daylight
 * saving change can move a date.
 */

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** The seed study's month: days / (365.25 / 12). */
export const DAYS_PER_MONTH = 365.25 / 12;
export const DAYS_PER_YEAR = 365.25;

/** True for a real calendar date in YYYY-MM-DD form (2021-02-30 is not one). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Days since 1970-01-01; throws RangeError for anything but a real ISO date. Datasets convert the
 * same few tens of thousands of calendar days millions of times, so valid answers are remembered
 * (a bounded table: it is emptied when full, never grows past EPOCH_DAYS_KEPT).
 */
export function toEpochDay(date: IsoDate): number {
  const known = epochDays.get(date);
  if (known !== undefined) return known;
  if (!isIsoDate(date)) throw new RangeError(`not an ISO calendar date: ${JSON.stringify(date)}`);
  const day = Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;
  if (epochDays.size >= EPOCH_DAYS_KEPT) epochDays.clear();
  epochDays.set(date, day);
  return day;
}

const EPOCH_DAYS_KEPT = 200_000;
const epochDays = new Map<string, number>();

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
  return new Date(epochMsOfInstant(instant) + 14 * 3_600_000).toISOString().slice(0, 10);
}

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
