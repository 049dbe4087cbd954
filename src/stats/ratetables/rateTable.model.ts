/**
 * A population rate table: the daily death hazard by sex, calendar year and completed age, as the
 * `survexp.mn` / `survexp.us` tables of R's survival package (shipped here as CSV, see
 * rateTable.loader.ts). Cells are (age 0..maxAge, year firstYear..lastYear, sex); a subject older
 * than maxAge uses maxAge, a year outside the table uses the nearest end (R's ratetable edges).
 */
import { januaryFirst } from '../../shared/dates';

export type Sex = 'female' | 'male';
export const SEXES: readonly Sex[] = ['female', 'male'];

export interface RateTableRow {
  sex: string;
  year: number;
  age: number;
  dailyHazard: number;
}

export interface RateTable {
  name: string;
  firstYear: number;
  lastYear: number;
  maxAge: number;
  /** [sexIndex][yearIndex][age] flattened; hazard per day */
  hazard: Float64Array;
  /** age cut points in days: k * 365.25 (R's cutpoints for the age dimension) */
  ageCuts: Float64Array;
  /** 1 January of each table year, in days since 1970-01-01 (R's cutpoints for the year dimension) */
  yearCuts: Float64Array;
}

/**
 * Builds a rate table from CSV rows, checking that every (sex, year, age) cell from age 0 to the
 * largest age and from the first to the last year is present exactly once with a finite hazard >= 0.
 * Complexity O(rows).
 * @example rateTableFromRows('tiny', [{ sex: 'female', year: 2000, age: 0, dailyHazard: 1e-5 },
 *   { sex: 'male', year: 2000, age: 0, dailyHazard: 2e-5 }]) has maxAge 0 and years 2000-2000
 */
export function rateTableFromRows(name: string, rows: readonly RateTableRow[]): RateTable {
  if (rows.length === 0) throw new RangeError(`rate table ${name} has no rows`);
  let firstYear = Infinity;
  let lastYear = -Infinity;
  let maxAge = 0;
  rows.forEach((row, i) => {
    if (!SEXES.includes(row.sex as Sex)) throw new RangeError(`rate table ${name} row ${i + 1}: unknown sex ${row.sex}`);
    if (!Number.isInteger(row.year) || !Number.isInteger(row.age) || row.age < 0) {
      throw new RangeError(`rate table ${name} row ${i + 1}: year and age must be integers, age >= 0`);
    }
    if (!Number.isFinite(row.dailyHazard) || row.dailyHazard < 0) {
      throw new RangeError(`rate table ${name} row ${i + 1}: daily hazard must be finite and >= 0`);
    }
    firstYear = Math.min(firstYear, row.year);
    lastYear = Math.max(lastYear, row.year);
    maxAge = Math.max(maxAge, row.age);
  });
  const nYears = lastYear - firstYear + 1;
  const nAges = maxAge + 1;
  const hazard = new Float64Array(SEXES.length * nYears * nAges).fill(NaN);
  for (const row of rows) {
    const at = cellIndex(SEXES.indexOf(row.sex as Sex), row.year - firstYear, row.age, nYears, nAges);
    if (!Number.isNaN(hazard[at])) throw new RangeError(`rate table ${name}: cell ${row.sex} ${row.year} age ${row.age} appears twice`);
    hazard[at] = row.dailyHazard;
  }
  const missing = hazard.findIndex((h) => Number.isNaN(h));
  if (missing >= 0) {
    const sex = SEXES[Math.floor(missing / (nYears * nAges))];
    const year = firstYear + Math.floor((missing % (nYears * nAges)) / nAges);
    throw new RangeError(`rate table ${name}: cell ${sex} ${year} age ${missing % nAges} is missing`);
  }
  const ageCuts = Float64Array.from({ length: nAges }, (_, k) => k * 365.25);
  const yearCuts = Float64Array.from({ length: nYears }, (_, k) => januaryFirst(firstYear + k));
  return { name, firstYear, lastYear, maxAge, hazard, ageCuts, yearCuts };
}

function cellIndex(sex: number, yearIndex: number, age: number, nYears: number, nAges: number): number {
  return (sex * nYears + yearIndex) * nAges + age;
}

/**
 * Daily hazard of one cell (year and age as indices from the table's first year and age 0); RangeError
 * for a sex the table does not have or a cell outside it. O(1).
 * @example dailyHazard(loadRateTable('minnesota'), 'female', 0, 0) = 3.9600554718e-5 (1970, age 0)
 */
export function dailyHazard(table: RateTable, sex: Sex, yearIndex: number, ageIndex: number): number {
  const s = SEXES.indexOf(sex);
  const nYears = table.lastYear - table.firstYear + 1;
  const nAges = table.maxAge + 1;
  if (s < 0) throw new RangeError(`rate table ${table.name} has no cell for sex ${String(sex)}`);
  if (!(yearIndex >= 0 && yearIndex < nYears && ageIndex >= 0 && ageIndex < nAges)) {
    throw new RangeError(`rate table ${table.name} has no cell for year index ${yearIndex}, age ${ageIndex}`);
  }
  return table.hazard[cellIndex(s, yearIndex, ageIndex, nYears, nAges)];
}
