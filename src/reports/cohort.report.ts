/**
 * The seed study's tables (Balin et al., Arch Dermatol 2012) for the analysis set at a valid-time
 * cut-off and a knowledge point, computed from the projections' rows: Tables 1-4, lesion
 * characteristics and confirmation, follow-up and deaths. Pure: the shell passes the rows in.
 */
import type { CohortState } from '../../projections/cohort.fold';
import { findDataset } from '../../projections/dataset.registry';
import type { Row } from '../../projections/projection';
import { table1, table2, type Table1Row, type Table2Row } from './report.actdTables';
import { table3, table4, type ResponseCounts } from './report.treatmentTables';
import { numericSummary, type NumericSummary } from './summary.statistics';
import { survivalParagraph, type SurvivalParagraph } from './report.survival';
import { jsonRows } from '../../projections/row.format';
import type { RateTable } from '../stats';

/** Rows of the datasets `patients`, `time-to-onset` and `follow-up`, for the same cut-offs. */
export interface ReportRows {
  patients: readonly Row[];
  timeToOnset: readonly Row[];
  followUp: readonly Row[];
}

export interface ReportCutOffs {
  asOf: string | null;
  knownAt: string | null;
  atPosition: number | null;
}

export interface CohortReport extends ReportCutOffs {
  /** every event of the log up to this position was considered */
  position: number;
  /** patients in the analysis set (research authorization granted, calcinosis diagnosed by asOf) */
  analysed: number;
  table1: Table1Row[];
  table2: Table2Row[];
  lesions: {
    /** patients by number of distinct lesion sites: 1, 2, 3 or more */
    locationGroups: Record<'1' | '2' | '3', number>;
    ulceration: number;
    pain: number;
  };
  confirmation: { biopsy: number; imaging: number; biopsyAndImaging: number };
  table3: Record<string, ResponseCounts>;
  table4: Record<string, ResponseCounts>;
  followUp: {
    /** months from the calcinosis diagnosis to death or the last contact */
    all: NumericSummary | null;
    died: NumericSummary | null;
    alive: NumericSummary | null;
    withoutFollowUp: number;
  };
  /** deaths during follow-up, and the time to death in months */
  deaths: { n: number; monthsToDeath: NumericSummary | null };
  /** Kaplan-Meier at 60-240 months and the Minnesota comparison; null without anyone followed */
  survival: SurvivalParagraph | null;
}

const sum = (rows: readonly Row[], column: string) => rows.reduce((n, row) => n + Number(row[column] ?? 0), 0);

export function cohortReport({ patients, timeToOnset, followUp }: ReportRows, cutOffs: ReportCutOffs): Omit<CohortReport, 'survival'> {
  const followed = followUp.filter((f) => f.followup_months !== null);
  const months = (rows: readonly Row[]) => numericSummary(rows.map((f) => f.followup_months as number));
  const died = followed.filter((f) => f.died === 1);
  const groupCount = (group: number) => patients.filter((p) => p.location_group === group).length;
  return {
    ...cutOffs,
    position: 0,
    analysed: patients.length,
    table1: table1(patients, timeToOnset),
    table2: table2(patients),
    lesions: { locationGroups: { '1': groupCount(1), '2': groupCount(2), '3': groupCount(3) }, ulceration: sum(patients, 'ulcerated'), pain: sum(patients, 'painful') },
    confirmation: {
      biopsy: sum(patients, 'biopsy'),
      imaging: sum(patients, 'imaging'),
      biopsyAndImaging: patients.filter((p) => p.biopsy === 1 && p.imaging === 1).length,
    },
    table3: table3(patients),
    table4: table4(patients),
    followUp: { all: months(followed), died: months(died), alive: months(followed.filter((f) => f.died !== 1)), withoutFollowUp: followUp.length - followed.length },
    deaths: { n: died.length, monthsToDeath: months(died) },
  };
}

/** The report of a folded cohort: the datasets' rows as of `asOf`, then cohortReport and the survival paragraph. */
export function reportOfCohort(cohort: CohortState, cutOffs: ReportCutOffs, minnesota: RateTable): CohortReport {
  const rows = (name: string) => findDataset(name)!.rows(cohort, cutOffs.asOf === null ? {} : { asOf: cutOffs.asOf });
  // The survival analysis reads the survival dataset as it is published (decimals to 10 places), as R would.
  const survival = findDataset('survival')!;
  const survivalRows = jsonRows(survival.columns, survival.rows(cohort, cutOffs.asOf === null ? {} : { asOf: cutOffs.asOf }));
  return {
    ...cohortReport({ patients: rows('patients'), timeToOnset: rows('time-to-onset'), followUp: rows('follow-up') }, cutOffs),
    position: cohort.position,
    survival: survivalParagraph(survivalRows, minnesota),
  };
}
