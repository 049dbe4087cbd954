/**
 * Test helpers for the golden values: load a JSON fixture written by survival.reference.R (or the
 * shared cohort's expected.json) and compare numbers at a relative tolerance. R's NA is null in the
 * JSON; NaN, Inf and -Inf are the strings "NaN", "Inf", "-Inf". Our functions return null where R
 * gives NA or NaN, and Infinity where R gives Inf.
 */
import { readFileSync } from 'fs';
import { resolve } from 'path';

const REPO = resolve(__dirname, '..', '..');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function loadFixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(resolve(REPO, 'test', 'reference', 'fixtures', name), 'utf8')) as T;
}

/** The shared cohort folder ($COHORT_SHARED_DIR, default <repo>/../shared), as the R script reads it. */
export function sharedPath(...parts: string[]): string {
  return resolve(process.env.COHORT_SHARED_DIR ?? resolve(REPO, '..', 'shared'), ...parts);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function loadMayoExpected(): any {
  return JSON.parse(readFileSync(sharedPath('cohorts', 'mayo-2012', 'expected.json'), 'utf8'));
}

export type RValue = number | string | null;

export function decode(value: RValue): number | null {
  if (value === null) return null;
  if (value === 'NaN') return null;
  if (value === 'Inf') return Infinity;
  if (value === '-Inf') return -Infinity;
  return value as number;
}

/**
 * Fails unless `actual` equals the R value within max(rel·|expected|, abs). Use `abs` only for
 * quantities whose true value is (near) zero, where a relative test means nothing.
 */
export function expectClose(actual: number | null | undefined, expected: RValue, label: string, rel = 1e-10, abs = 0): void {
  const want = decode(expected);
  const got = actual === undefined ? null : actual;
  if (want === null || got === null || !Number.isFinite(want) || !Number.isFinite(got)) {
    if (got !== want && !(want === null && typeof got === 'number' && Number.isNaN(got))) {
      throw new Error(`${label}: got ${String(got)}, R gives ${String(expected)}`);
    }
    return;
  }
  const difference = Math.abs(got - want);
  if (!(difference <= Math.max(rel * Math.abs(want), abs))) {
    throw new Error(`${label}: got ${got}, R gives ${want} (relative difference ${(difference / Math.abs(want)).toExponential(2)})`);
  }
}

export function expectAllClose(actual: readonly (number | null)[], expected: readonly RValue[], label: string, rel = 1e-10, abs = 0): void {
  if (actual.length !== expected.length) throw new Error(`${label}: got ${actual.length} values, R gives ${expected.length}`);
  actual.forEach((a, i) => expectClose(a, expected[i], `${label}[${i}]`, rel, abs));
}

/** Rows of a CSV file of the shared cohort (e.g. 'expected/survival.csv'), all values as text. */
export function readCohortCsv(file: string): Record<string, string>[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require('csv-parse/sync') as { parse: (text: string, options: object) => Record<string, string>[] };
  return parse(readFileSync(sharedPath('cohorts', 'mayo-2012', file), 'utf8'), { columns: true, skip_empty_lines: true });
}
