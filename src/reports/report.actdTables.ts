/**
 * Tables 1 and 2 of the seed study from the projections' rows: patients by ACTD (sex, age at
 * calcinosis onset, time from the ACTD diagnosis to the onset) and lesion sites by ACTD group.
 * Nothing is derived here that a dataset already holds: onset, age and time to onset come from the
 * time-to-onset rows, sites and confirmation from the patients rows.
 */
import type { Row } from '../../projections/projection';
import { ACTD_CONDITIONS, ACTD_SUBTYPES, SITES } from '../patients/patient.vocabulary';
import { numericSummary, type NumericSummary } from './summary.statistics';

export interface Table1Row {
  /** `all`, a condition (`dermatomyositis`) or condition/subtype (`dermatomyositis/classic`); `none`: no ACTD recorded */
  group: string;
  label: string;
  female: number;
  male: number;
  total: number;
  /** of the patients analysed */
  percent: number;
  ageAtOnsetYears: NumericSummary | null;
  /** floored at 0, as the seed study counts an onset before the ACTD diagnosis */
  timeToOnsetMonths: NumericSummary | null;
  /** patients whose calcinosis onset preceded the ACTD diagnosis (counted as 0 months above) */
  onsetBeforeActdDiagnosis: number;
  /** the same time without those patients */
  timeToOnsetMonthsWithoutOnsetFirst: NumericSummary | null;
}

export interface Table2Row {
  group: string;
  label: string;
  n: number;
  /** patients with at least one lesion at the site */
  sites: Record<(typeof SITES)[number], number>;
}

export const CONDITION_LABELS: Record<string, string> = {
  dermatomyositis: 'Dermatomyositis',
  systemic_sclerosis: 'Systemic sclerosis',
  lupus_panniculitis: 'Lupus panniculitis',
  sle: 'SLE',
  mixed_ctd: 'Mixed CTD',
  overlap_ctd: 'Overlap CTD',
  undifferentiated_ctd: 'Undifferentiated CTD',
  polymyositis: 'Polymyositis',
  rheumatoid_arthritis: 'Rheumatoid arthritis',
};
const SUBTYPE_LABELS: Record<string, string> = {
  classic: 'Classic',
  juvenile: 'Juvenile',
  amyopathic: 'Amyopathic',
  limited_cutaneous: 'Limited cutaneous',
  diffuse_cutaneous: 'Diffuse cutaneous',
};

const count = (rows: readonly Row[], test: (row: Row) => boolean) => rows.filter(test).length;

/** One Table 1 row for a set of patients; `onset` holds each patient's time-to-onset row. */
function table1Row(group: string, label: string, patients: readonly Row[], onset: ReadonlyMap<unknown, Row>, analysed: number): Table1Row {
  const times = patients.map((p) => onset.get(p.patient_id)).filter((t): t is Row => t !== undefined && t.time_to_onset_months !== null);
  const onsetFirst = times.filter((t) => (t.time_to_onset_months_raw as number) < 0);
  const months = (rows: Row[]) => numericSummary(rows.map((t) => t.time_to_onset_months as number));
  return {
    group,
    label,
    female: count(patients, (p) => p.sex === 'female'),
    male: count(patients, (p) => p.sex === 'male'),
    total: patients.length,
    percent: analysed === 0 ? 0 : (100 * patients.length) / analysed,
    ageAtOnsetYears: numericSummary(patients.map((p) => p.age_at_onset_years).filter((a): a is number => a !== null)),
    timeToOnsetMonths: months(times),
    onsetBeforeActdDiagnosis: onsetFirst.length,
    timeToOnsetMonthsWithoutOnsetFirst: months(times.filter((t) => !onsetFirst.includes(t))),
  };
}

/** Every condition present, each followed by its subtypes (vocabulary order); then patients without an ACTD; then all. */
export function table1(patients: readonly Row[], timeToOnset: readonly Row[]): Table1Row[] {
  const onset = new Map(timeToOnset.map((t) => [t.patient_id, t]));
  const n = patients.length;
  const rows: Table1Row[] = [];
  for (const condition of ACTD_CONDITIONS) {
    const group = patients.filter((p) => p.actd_condition === condition);
    if (group.length === 0) continue;
    rows.push(table1Row(condition, CONDITION_LABELS[condition], group, onset, n));
    for (const subtype of ACTD_SUBTYPES[condition] as readonly string[]) {
      const sub = group.filter((p) => p.actd_subtype === subtype);
      if (sub.length > 0) rows.push(table1Row(`${condition}/${subtype}`, `  ${SUBTYPE_LABELS[subtype] ?? subtype}`, sub, onset, n));
    }
  }
  const without = patients.filter((p) => p.actd_condition === null);
  if (without.length > 0) rows.push(table1Row('none', 'No ACTD recorded', without, onset, n));
  rows.push(table1Row('all', 'All patients', patients, onset, n));
  return rows;
}

/** Table 2 groups as the seed study has them: dermatomyositis by subtype, lupus panniculitis with SLE. */
const TABLE2_GROUPS: { group: string; label: string; member: (p: Row) => boolean }[] = [
  { group: 'systemic_sclerosis', label: 'Systemic sclerosis', member: (p) => p.actd_condition === 'systemic_sclerosis' },
  ...ACTD_SUBTYPES.dermatomyositis.map((subtype) => ({
    group: `dermatomyositis/${subtype}`,
    label: `${SUBTYPE_LABELS[subtype]} dermatomyositis`,
    member: (p: Row) => p.actd_condition === 'dermatomyositis' && p.actd_subtype === subtype,
  })),
  { group: 'lupus_erythematosus', label: 'Lupus erythematosus', member: (p) => p.actd_condition === 'lupus_panniculitis' || p.actd_condition === 'sle' },
  ...['overlap_ctd', 'undifferentiated_ctd', 'mixed_ctd', 'rheumatoid_arthritis', 'polymyositis'].map((condition) => ({
    group: condition,
    label: CONDITION_LABELS[condition],
    member: (p: Row) => p.actd_condition === condition,
  })),
];

export function table2(patients: readonly Row[]): Table2Row[] {
  return TABLE2_GROUPS.map(({ group, label, member }) => {
    const rows = patients.filter(member);
    const sites = Object.fromEntries(SITES.map((site) => [site, count(rows, (p) => String(p.sites ?? '').split(';').includes(site))]));
    return { group, label, n: rows.length, sites: sites as Table2Row['sites'] };
  }).filter((row) => row.n > 0);
}
