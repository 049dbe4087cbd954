/**
 * What every analysis-format generator is handed: a dataset's rows (JSON-canonical, as the datasets'
 * JSON answer has them, so every number reads back as the canonical CSV prints it) with the column
 * dictionary they follow. The generators are pure: table in, file text (or bytes) out.
 */
import type { Column, Row } from '../../../projections/projection';
import { CALCINOSIS_SUBTYPES, CATEGORIES, GRADES, INDICATIONS, SEXES, TREATMENT_HISTORIES, ACTD_CONDITIONS, ACTD_SUBTYPES } from '../../patients/patient.vocabulary';

export interface AnalysisTable {
  /** the dataset name, e.g. `survival`, `time-to-onset` */
  name: string;
  description: string;
  columns: readonly Column[];
  rows: readonly Row[];
}

/** The analysis formats (besides the CSV itself) an export folder can carry. */
export const ANALYSIS_FORMATS = ['r', 'stata', 'sas', 'parquet'] as const;
export type AnalysisFormat = (typeof ANALYSIS_FORMATS)[number];

/** A name R, Stata and SAS all accept for the data set: `time-to-onset` -> `time_to_onset`. */
export const objectName = (datasetName: string): string => datasetName.replace(/[^A-Za-z0-9_]/g, '_');

/** The file the CSV sits in, beside the program that reads it. */
export const csvFileName = (datasetName: string): string => `${datasetName}.csv`;

/** A variable's label: its definition, with its unit when it has one. */
export const labelOf = (column: Column): string => (column.unit ? `${column.definition} [${column.unit}]` : column.definition);

/**
 * The documented order of a coded column's terms where the vocabulary is closed; open vocabularies
 * (agents, the seed study's ACTD groups) take their terms from the rows.
 */
const KNOWN_LEVELS: Record<string, readonly string[]> = {
  sex: SEXES,
  calcinosis_subtype: CALCINOSIS_SUBTYPES,
  actd_condition: ACTD_CONDITIONS,
  actd_subtype: [...new Set(Object.values(ACTD_SUBTYPES).flat())],
  ended_by: ['death', 'last_contact', 'cut_off'],
  indication: INDICATIONS,
  category: CATEGORIES,
  latest_grade: GRADES,
  best_response: GRADES,
  treatment_history: TREATMENT_HISTORIES,
  treatment_category: ['medical', 'surgical', 'medical_and_surgical', 'none', 'unknown'],
};

/**
 * The levels of a `code` column: its known vocabulary in documented order, then any other term the
 * rows hold in code-unit order (so a term added to the vocabulary later still gets a level).
 */
export function levelsOf(column: Column, rows: readonly Row[]): string[] {
  const known = KNOWN_LEVELS[column.name] ?? [];
  const seen = new Set(rows.map((row) => row[column.name]).filter((v): v is string => typeof v === 'string'));
  const extra = [...seen].filter((v) => !known.includes(v)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...known, ...extra];
}

/** A coded term as words for a value label: `medical_and_surgical` -> `medical and surgical`. */
export const termLabel = (term: string): string => term.replace(/_/g, ' ');

/** Flags (0/1) get these value labels in Stata and SAS. */
export const FLAG_LABELS: readonly [number, string][] = [
  [0, 'no'],
  [1, 'yes'],
];

/**
 * The survival outcome a dataset carries, for R's Surv(): right-censored (time, status) or counting
 * process (start, stop, status]. Times in months, as the analyses report them.
 */
export interface SurvivalLayout {
  start?: string;
  time: string;
  event: string;
}

const SURVIVAL_LAYOUTS: Record<string, SurvivalLayout> = {
  survival: { time: 'time_months', event: 'status' },
  'follow-up': { time: 'followup_months', event: 'died' },
  'survival-counting': { start: 'start_months', time: 'stop_months', event: 'status' },
};

export const survivalLayoutOf = (datasetName: string): SurvivalLayout | undefined => SURVIVAL_LAYOUTS[datasetName];

/** The longest text of a column in UTF-8 bytes (at least 1): the width SAS must reserve. */
export function maxBytes(column: Column, rows: readonly Row[]): number {
  return Math.max(1, ...rows.map((row) => Buffer.byteLength(String(row[column.name] ?? ''), 'utf8')));
}
