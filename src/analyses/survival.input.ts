/**
 * The survival dataset's rows as the statistics take them: times in the chosen unit, and each
 * patient's group (and stratum) looked up in the grouping dataset. Patients whose group is blank are
 * left out and counted, as R drops NA groups.
 */
import type { Row } from '../../projections/projection';
import { DAYS_PER_MONTH, DAYS_PER_YEAR } from '../shared/dates';
import type { TimeUnit } from './analysis.params';

export interface SurvivalInput {
  patientIds: string[];
  time: number[];
  status: number[];
  group?: string[];
  strata?: string[];
  /** for the rate table: age at entry (days), entry date, sex, follow-up in days */
  subjects: { ageDays: number; entryDate: string; sex: 'female' | 'male'; time: number; status: number }[];
  /** patients left out because their group or stratum is blank */
  excluded: number;
}

export const DAYS_PER_UNIT: Record<TimeUnit, number> = { days: 1, months: DAYS_PER_MONTH, years: DAYS_PER_YEAR };

/** Months come from the dataset's own time_months, so they are the digits the dataset publishes. */
const timeIn = (row: Row, unit: TimeUnit): number => (unit === 'months' ? Number(row.time_months) : Number(row.time_days) / DAYS_PER_UNIT[unit]);

export function survivalInput(
  survivalRows: readonly Row[],
  unit: TimeUnit,
  grouping: { groupBy?: string; strata?: string; rowsById: ReadonlyMap<string, Row> },
): SurvivalInput {
  const input: SurvivalInput = { patientIds: [], time: [], status: [], subjects: [], excluded: 0 };
  const labelOf = (column: string | undefined, id: string) => {
    if (column === undefined) return undefined;
    const value = grouping.rowsById.get(id)?.[column];
    return value === null || value === undefined || value === '' ? null : String(value);
  };
  if (grouping.groupBy) input.group = [];
  if (grouping.strata) input.strata = [];
  for (const row of survivalRows) {
    const id = String(row.patient_id);
    const group = labelOf(grouping.groupBy, id);
    const stratum = labelOf(grouping.strata, id);
    if (group === null || stratum === null) {
      input.excluded++;
      continue;
    }
    input.patientIds.push(id);
    input.time.push(timeIn(row, unit));
    input.status.push(Number(row.status));
    if (group !== undefined) input.group!.push(group);
    if (stratum !== undefined) input.strata!.push(stratum);
    // an erased identity has no birth date: its age is NaN, and the rate-table comparison leaves it out
    input.subjects.push({ ageDays: row.age_days === null ? Number.NaN : Number(row.age_days), entryDate: String(row.entry_date), sex: row.sex as 'female' | 'male', time: Number(row.time_days), status: Number(row.status) });
  }
  return input;
}
