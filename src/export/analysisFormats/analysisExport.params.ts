/**
 * The parameters of an analysis export: the datasets' own (asOf, knownAt, atPosition, minPosition,
 * deidentified, checked by datasetParams) plus the format, all problems reported together.
 */
import type { DatasetParams } from '../../datasets/datasets.params';
import { datasetParams } from '../../datasets/datasets.params';
import { DomainError, type FieldProblem } from '../../shared/domain.error';
import { ANALYSIS_FORMATS, type AnalysisFormat } from './analysis.table';

export interface AnalysisExportParams {
  format: AnalysisFormat;
  /** the dataset request whose canonical CSV the export carries */
  dataset: DatasetParams;
}

export function analysisExportParams(name: string, raw: Record<string, unknown>): AnalysisExportParams {
  const { format, ...rest } = raw;
  const problems: FieldProblem[] = [];
  if (format === undefined) problems.push({ field: 'format', reason: `is required: one of ${ANALYSIS_FORMATS.join(', ')}` });
  else if (typeof format !== 'string' || !ANALYSIS_FORMATS.includes(format as AnalysisFormat)) problems.push({ field: 'format', reason: `must be one of ${ANALYSIS_FORMATS.join(', ')}` });
  let dataset: DatasetParams | undefined;
  try {
    dataset = datasetParams(name, { ...rest, format: 'csv' });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    problems.push(...error.details);
  }
  if (problems.length > 0 || dataset === undefined) throw DomainError.invalid(problems);
  return { format: format as AnalysisFormat, dataset };
}
