/**
 * De-identified rows (HIPAA Safe Harbor, 45 CFR 164.514(b)(2)) of any dataset: patient ids become
 * keyed HMAC pseudonyms (stable within an installation, useless outside it), every date keeps only its
 * year, ages over 89 are pooled (90 stands for "90 or older"; ages in days are blanked), the birth year
 * of anyone 90 or older at the reference date is blanked. Durations (follow-up, time to onset,
 * survival time) stay exact, so analyses of de-identified rows give the same estimates. The dictionary
 * says which columns were transformed and how.
 */
import type { Column, Projection, Row } from './projection';
import { column } from './projection';
import { DAYS_PER_YEAR } from '../src/shared/dates';

export interface Deidentification {
  /** the keyed pseudonym of a patient id (the shell computes the HMAC with the installation secret) */
  pseudonym: (patientId: string) => string;
  /** the year ages are judged at: the asOf date's year, else the year of the request */
  referenceYear: number;
}

const OLDEST = 89;

type Rule = { column: (c: Column) => Column; cell: (value: Row[string], row: Row, d: Deidentification) => Row[string] };

const yearOnly: Rule = {
  column: (c) => column(c.name, 'integer', null, `${c.definition} DE-IDENTIFIED: the calendar year only`),
  cell: (value) => (typeof value === 'string' ? Number(value.slice(0, 4)) : value),
};

const RULES: Record<string, Rule> = {
  patient_id: {
    column: (c) => column(c.name, 'text', null, 'DE-IDENTIFIED: a keyed pseudonym of the patient id (HMAC-SHA256 with the installation secret), the same in every dataset of this installation'),
    cell: (value, _row, d) => (typeof value === 'string' ? d.pseudonym(value) : value),
  },
  age_days: {
    column: (c) => column(c.name, c.type, c.unit, `${c.definition} DE-IDENTIFIED: blank when over ${OLDEST} years`),
    cell: (value) => (typeof value === 'number' && value / DAYS_PER_YEAR >= OLDEST + 1 ? null : value),
  },
  age_at_onset_years: {
    column: (c) => column(c.name, c.type, c.unit, `${c.definition} DE-IDENTIFIED: ${OLDEST + 1} stands for ${OLDEST + 1} or older`),
    cell: (value) => (typeof value === 'number' && value > OLDEST ? OLDEST + 1 : value),
  },
  birth_year: {
    column: (c) => column(c.name, c.type, c.unit, `${c.definition} DE-IDENTIFIED: blank for anyone ${OLDEST + 1} or older at the reference year`),
    cell: (value, _row, d) => (typeof value === 'number' && d.referenceYear - value > OLDEST ? null : value),
  },
};

const ruleOf = (c: Column): Rule | undefined => RULES[c.name] ?? (c.type === 'date' ? yearOnly : undefined);

/** The dataset's columns as a de-identified answer has them. */
export function deidentifiedColumns(projection: Projection): Column[] {
  return projection.columns.map((c) => ruleOf(c)?.column(c) ?? c);
}

export function deidentifyRows(projection: Projection, rows: readonly Row[], d: Deidentification): Row[] {
  const rules = projection.columns.map((c) => [c.name, ruleOf(c)] as const).filter((entry): entry is [string, Rule] => entry[1] !== undefined);
  return rows.map((row) => {
    const out: Row = { ...row };
    for (const [name, rule] of rules) out[name] = rule.cell(row[name], row, d);
    return out;
  });
}
