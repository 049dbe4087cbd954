/**
 * Every derived figure of the mayo-2012 expected.json (independent Python over the CSV files) checked
 * against a cohort report: shared by the report's unit spec and the acceptance tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CohortReport } from '../../src/reports/cohort.report';
import type { NumericSummary } from '../../src/reports/summary.statistics';
import { MAYO_DIR } from './mayo';

export const derived = JSON.parse(readFileSync(join(MAYO_DIR, 'expected.json'), 'utf8')).derived;

/** expected.json's labels -> the report's Table 1 groups */
const TABLE1_GROUPS: Record<string, string> = {
  Dermatomyositis: 'dermatomyositis',
  Classic: 'dermatomyositis/classic',
  Amyopathic: 'dermatomyositis/amyopathic',
  Juvenile: 'dermatomyositis/juvenile',
  'Systemic sclerosis with limited cutaneous scleroderma': 'systemic_sclerosis',
  'Overlap CTD': 'overlap_ctd',
  'Undifferentiated CTD': 'undifferentiated_ctd',
  'Lupus panniculitis': 'lupus_panniculitis',
  'Mixed CTD': 'mixed_ctd',
  SLE: 'sle',
  RA: 'rheumatoid_arthritis',
  Polymyositis: 'polymyositis',
};
const TABLE2_GROUPS: Record<string, string> = {
  'Systemic sclerosis': 'systemic_sclerosis',
  'Classic dermatomyositis': 'dermatomyositis/classic',
  'Juvenile dermatomyositis': 'dermatomyositis/juvenile',
  'Amyopathic dermatomyositis': 'dermatomyositis/amyopathic',
  'Lupus erythematosus': 'lupus_erythematosus',
  'Overlap CTD': 'overlap_ctd',
  'Undifferentiated CTD': 'undifferentiated_ctd',
  'Mixed CTD': 'mixed_ctd',
  'Rheumatoid arthritis': 'rheumatoid_arthritis',
  Polymyositis: 'polymyositis',
};

/** expected.json summaries carry 10 significant decimals */
function expectSummary(actual: NumericSummary | null, expected: { n: number; mean: number; median: number; min: number; max: number }) {
  expect(actual).not.toBeNull();
  expect(actual!.n).toBe(expected.n);
  for (const key of ['mean', 'median', 'min', 'max'] as const) expect(actual![key]).toBeCloseTo(expected[key], 8);
}

export function expectMayoFigures(report: CohortReport) {
  expect(report.analysed).toBe(78);
  for (const [label, group] of Object.entries(TABLE1_GROUPS)) {
    const row = report.table1.find((r) => r.group === group)!;
    const want = derived.table1[label];
    expect([label, row.female, row.male, row.total, Math.round(row.percent), row.onsetBeforeActdDiagnosis]).toEqual([
      label, want.female, want.male, want.total, want.pct_of_78, want.onset_before_actd_diagnosis,
    ]);
    expectSummary(row.ageAtOnsetYears, want.age_at_onset);
    expectSummary(row.timeToOnsetMonths, want.time_to_onset_months);
  }
  const all = report.table1.find((r) => r.group === 'all')!;
  expectSummary(all.ageAtOnsetYears, derived.overall_age_at_onset);
  expectSummary(all.timeToOnsetMonths, derived.overall_time_to_onset_months);
  expectSummary(report.table1.find((r) => r.group === 'systemic_sclerosis')!.timeToOnsetMonthsWithoutOnsetFirst, derived.ssc_time_to_onset_excluding_onset_first);
  for (const [label, group] of Object.entries(TABLE2_GROUPS)) {
    const row = report.table2.find((r) => r.group === group)!;
    expect({ label, n: row.n, ...row.sites }).toEqual({ label, ...derived.table2[label] });
  }
  expect(report.table2).toHaveLength(Object.keys(TABLE2_GROUPS).length);
  expect(report.lesions).toEqual({ locationGroups: derived.location_groups, ulceration: derived.ulceration, pain: derived.pain });
  expect(report.confirmation).toEqual({ biopsy: derived.biopsy, imaging: derived.imaging, biopsyAndImaging: derived.biopsy_and_imaging });
  expect(report.table3).toEqual(derived.table3);
  expect(report.table4).toEqual(derived.table4);
  for (const part of ['all', 'died', 'alive'] as const) expectSummary(report.followUp[part], derived.followup_months[part]);
  expect(report.followUp.withoutFollowUp).toBe(derived.no_followup);
  expect(report.deaths.n).toBe(derived.followup_months.died.n);
  expectSummary(report.deaths.monthsToDeath, derived.followup_months.died);
}

