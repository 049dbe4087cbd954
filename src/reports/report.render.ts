/**
 * The cohort report as text tables, printed as Markdown or as a standalone HTML page. Numbers are
 * rounded here and only here (means to one decimal, ranges and percentages to whole numbers, as the
 * seed study prints them); the JSON form keeps every figure unrounded.
 */
import { IMAGING_CONFIRMATIONS } from '../patients/patient.vocabulary';
import type { CohortReport } from './cohort.report';
import type { ResponseCounts } from './report.treatmentTables';
import type { NumericSummary } from './summary.statistics';

export interface TextTable {
  title: string;
  header: string[];
  rows: string[][];
}

const decimal = (value: number, places: number) => value.toFixed(places);
const meanRange = (s: NumericSummary | null) => (s === null ? '-' : `${decimal(s.mean, 1)} (${decimal(s.min, 0)}-${decimal(s.max, 0)})`);
const responseRow = (name: string, c: ResponseCounts) => [name, ...[c.complete, c.partial, c.none, c.unknown, c.total].map(String)];
const RESPONSE_HEADER = ['Complete', 'Partial', 'None', 'Unknown', 'Total'];

export function reportTables(report: CohortReport): TextTable[] {
  const { table1, table2, lesions, confirmation, followUp, deaths } = report;
  const summaryRow = (name: string, s: NumericSummary | null) =>
    s === null ? [name, '0', '-', '-', '-'] : [name, String(s.n), decimal(s.mean, 1), decimal(s.median, 1), `${decimal(s.min, 0)}-${decimal(s.max, 0)}`];
  return [
    {
      title: `Table 1. Patients by autoimmune connective tissue disease (n = ${report.analysed})`,
      header: ['ACTD', 'Female', 'Male', 'Total (%)', 'Age at onset, y, mean (range)', 'ACTD diagnosis to onset, mo, mean (range)', 'Onset before ACTD diagnosis (counted as 0)', 'Without those, mo, mean (range)'],
      rows: table1.map((r) => [r.label, String(r.female), String(r.male), `${r.total} (${decimal(r.percent, 0)})`, meanRange(r.ageAtOnsetYears), meanRange(r.timeToOnsetMonths), String(r.onsetBeforeActdDiagnosis), meanRange(r.timeToOnsetMonthsWithoutOnsetFirst)]),
    },
    {
      title: 'Table 2. Patients by lesion site and ACTD group',
      header: ['ACTD group', 'n', 'Hands/feet', 'Extremity', 'Trunk', 'Head'],
      rows: table2.map((r) => [r.label, String(r.n), String(r.sites.hands_feet), String(r.sites.extremity), String(r.sites.trunk), String(r.sites.head)]),
    },
    {
      title: 'Lesions and confirmation of the calcinosis cutis diagnosis',
      header: ['', 'Patients'],
      rows: [
        ['1 location', String(lesions.locationGroups['1'])],
        ['2 locations', String(lesions.locationGroups['2'])],
        ['3 or more locations', String(lesions.locationGroups['3'])],
        ['Ulceration', String(lesions.ulceration)],
        ['Pain', String(lesions.pain)],
        ['Skin biopsy', String(confirmation.biopsy)],
        [`Imaging (${IMAGING_CONFIRMATIONS.join(', ')})`, String(confirmation.imaging)],
        ['Biopsy and imaging', String(confirmation.biopsyAndImaging)],
      ],
    },
    { title: 'Table 3. Treatment category by best response (patients)', header: ['Treatment', ...RESPONSE_HEADER], rows: Object.entries(report.table3).map(([k, c]) => responseRow(k, c)) },
    { title: 'Table 4. Calcinosis treatment by response (patients)', header: ['Agent', ...RESPONSE_HEADER], rows: Object.entries(report.table4).map(([k, c]) => responseRow(k, c)) },
    {
      title: `Follow-up from the calcinosis cutis diagnosis, months (${followUp.withoutFollowUp} patients without follow-up)`,
      header: ['', 'n', 'Mean', 'Median', 'Range'],
      rows: [summaryRow('All', followUp.all), summaryRow('Alive at last follow-up', followUp.alive), summaryRow('Died: time to death', deaths.monthsToDeath)],
    },
    ...survivalTables(report),
  ];
}

const percent = (value: number | null) => (value === null ? '-' : decimal(100 * value, 0));

function survivalTables({ survival }: CohortReport): TextTable[] {
  if (survival === null) return [];
  const m = survival.minnesota;
  return [
    {
      title: `Survival from the calcinosis cutis diagnosis (Kaplan-Meier, ${survival.n} patients, ${survival.deaths} deaths; 95% CI on the log scale)`,
      header: ['Months', 'At risk', 'Survival, %', '95% CI, %'],
      rows: survival.atTimes.map((r) => [String(r.months), String(r.nRisk), percent(r.surv), `${percent(r.lower)}-${percent(r.upper)}`]),
    },
    {
      title: 'Compared with Minnesota residents of the same age, sex and year (one-sample log-rank test)',
      header: ['Observed deaths', 'Expected deaths', 'SMR (95% CI)', 'P'],
      rows: [[String(m.observed), decimal(m.expected, 2), `${decimal(m.smr, 2)} (${decimal(m.smrLower, 2)}-${decimal(m.smrUpper, 2)})`, decimal(m.pvalue, 2)]],
    },
  ];
}

function cutOffLine(report: CohortReport): string {
  const known = report.knownAt ? `as recorded by ${report.knownAt}` : report.atPosition !== null ? `as recorded up to log position ${report.atPosition}` : 'as recorded now';
  return `Analysis set as of ${report.asOf ?? 'the latest fact'}, ${known} (log position ${report.position}).`;
}

export function reportMarkdown(report: CohortReport): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  const tables = reportTables(report).map((t) => [`## ${t.title}`, '', line(t.header), line(t.header.map(() => '---')), ...t.rows.map(line)].join('\n'));
  return [`# Cohort report`, '', cutOffLine(report), '', tables.join('\n\n'), ''].join('\n');
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function reportHtml(report: CohortReport): string {
  const cells = (tag: string, row: string[]) => `<tr>${row.map((c) => `<${tag}>${escape(c)}</${tag}>`).join('')}</tr>`;
  const tables = reportTables(report).map(
    (t) => `<h2>${escape(t.title)}</h2>\n<table>\n<thead>${cells('th', t.header)}</thead>\n<tbody>\n${t.rows.map((r) => cells('td', r)).join('\n')}\n</tbody>\n</table>`,
  );
  const style = 'body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}td,th{border:1px solid #bbb;padding:.25em .6em;text-align:right}td:first-child,th:first-child{text-align:left;white-space:pre}';
  return `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Cohort report</title><style>${style}</style></head>\n<body>\n<h1>Cohort report</h1>\n<p>${escape(cutOffLine(report))}</p>\n${tables.join('\n')}\n</body>\n</html>\n`;
}
