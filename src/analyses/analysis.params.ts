/**
 * The parameters of an analysis request, checked once for HTTP and CLI alike (each problem names the
 * parameter). The knowledge cut and valid-time cut-off are the datasets' own parameters.
 */
import { DomainError, type FieldProblem } from '../shared/domain.error';
import { CONF_TYPES, RATE_TABLES, type ConfType, type RateTableName } from '../stats';
import { datasetParams, type DatasetParams } from '../datasets/datasets.params';

export const TIME_UNITS = ['months', 'days', 'years'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

/** Columns a survival analysis may be grouped or stratified by, and the dataset that has them. */
export const GROUPING_COLUMNS: Record<string, 'patients' | 'treatment-summary'> = {
  sex: 'patients',
  actd_condition: 'patients',
  actd_group: 'patients',
  calcinosis_subtype: 'patients',
  location_group: 'patients',
  ulcerated: 'patients',
  painful: 'patients',
  biopsy: 'patients',
  imaging: 'patients',
  treatment_history: 'treatment-summary',
  treatment_category: 'treatment-summary',
  best_response: 'treatment-summary',
};

export interface AnalysisParams {
  cut: Omit<DatasetParams, 'name' | 'format'>;
  timeUnit: TimeUnit;
  groupBy?: string;
  strata?: string;
  confType: ConfType;
  confLevel: number;
  times?: number[];
  rho: 0 | 1;
  ratetable: RateTableName;
}

const CUT_FIELDS = ['asOf', 'knownAt', 'atPosition', 'minPosition'];
const oneOf = (terms: readonly string[]) => (v: string) => (terms.includes(v) ? null : `must be one of ${terms.join(', ')}`);
const CHECKS: Record<string, (value: string) => string | null> = {
  timeUnit: oneOf(TIME_UNITS),
  groupBy: oneOf(Object.keys(GROUPING_COLUMNS)),
  strata: oneOf(Object.keys(GROUPING_COLUMNS)),
  confType: oneOf(CONF_TYPES),
  confLevel: (v) => (/^0?\.\d+$/.test(v) && Number(v) > 0 && Number(v) < 1 ? null : 'must be a number between 0 and 1, e.g. 0.95'),
  times: (v) => (/^\d+(\.\d+)?(,\d+(\.\d+)?)*$/.test(v) && v.split(',').length <= 200 ? null : 'must be up to 200 comma-separated numbers >= 0, e.g. 60,120,180,240'),
  rho: oneOf(['0', '1']),
  ratetable: oneOf(Object.keys(RATE_TABLES)),
};

export function analysisParams(raw: Record<string, unknown>): AnalysisParams {
  const problems: FieldProblem[] = [];
  const values: Record<string, string> = {};
  for (const [field, value] of Object.entries(raw)) {
    if (value === undefined || CUT_FIELDS.includes(field)) continue;
    if (!(field in CHECKS)) problems.push({ field, reason: 'is not a parameter of this request' });
    else if (typeof value !== 'string') problems.push({ field, reason: 'must be given once' });
    else if (CHECKS[field](value)) problems.push({ field, reason: CHECKS[field](value)! });
    else values[field] = value;
  }
  let cut: AnalysisParams['cut'] = {};
  try {
    const { name: _name, format: _format, ...rest } = datasetParams('survival', Object.fromEntries(CUT_FIELDS.map((f) => [f, raw[f]])));
    cut = rest;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    problems.push(...error.details);
  }
  if (problems.length > 0) throw DomainError.invalid(problems);
  return {
    cut,
    timeUnit: (values.timeUnit ?? 'months') as TimeUnit,
    groupBy: values.groupBy,
    strata: values.strata,
    confType: (values.confType ?? 'log') as ConfType,
    confLevel: values.confLevel === undefined ? 0.95 : Number(values.confLevel),
    times: values.times?.split(',').map(Number),
    rho: values.rho === '1' ? 1 : 0,
    ratetable: (values.ratetable ?? 'minnesota') as RateTableName,
  };
}
