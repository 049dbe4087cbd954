/**
 * The parameters of a dataset request, checked once for HTTP and CLI alike: each problem names the
 * parameter and says what is wrong, and nothing is computed until all are right. Whether a position
 * lies within the log is checked against the store by the query (positionProblems).
 */
import { DomainError, type FieldProblem } from '../shared/domain.error';
import { isIsoDate, isIsoInstant, type IsoDate } from '../shared/dates';
import { DATASET_NAMES } from '../../projections/dataset.registry';
import { DEIDENTIFY_MODES, type DeidentifyMode } from '../../projections/deidentify.modes';

export const DATASET_FORMATS = ['json', 'csv'] as const;
export const DICTIONARY_FORMATS = ['json', 'md'] as const;

export interface DatasetParams {
  name: string;
  asOf?: IsoDate;
  knownAt?: string;
  atPosition?: number;
  minPosition?: number;
  format: (typeof DATASET_FORMATS)[number];
  /**
   * de-identified rows (projections/deidentify.modes.ts), asked as `deidentify=safe-harbor|limited-data-set`
   * or, as before, `deidentified=true` (Safe Harbor); absent: identified rows. The controller forces Safe
   * Harbor on callers without identified access.
   */
  deidentify?: DeidentifyMode;
  /**
   * @deprecated the older form of `deidentify: 'safe-harbor'`, still honoured (fail-safe) for callers that
   * set it on parameters themselves; datasetParams never sets it
   */
  deidentified?: boolean;
}

type Raw = Record<string, unknown>;

const position = (value: string) => (/^\d{1,15}$/.test(value) ? null : 'must be a whole number >= 0 (a log position)');
const CHECKS: Record<string, (value: string) => string | null> = {
  asOf: (v) => (isIsoDate(v) ? null : 'must be a real calendar date in YYYY-MM-DD form'),
  knownAt: (v) => (isIsoInstant(v) ? null : 'must be an ISO 8601 instant with a time zone, e.g. 2011-06-30T12:00:00Z'),
  atPosition: position,
  minPosition: position,
  format: (v) => (DATASET_FORMATS.includes(v as never) ? null : `must be one of ${DATASET_FORMATS.join(', ')}`),
  deidentified: (v) => (v === 'true' || v === 'false' ? null : 'must be true or false'),
  deidentify: (v) => (DEIDENTIFY_MODES.includes(v as never) ? null : `must be one of ${DEIDENTIFY_MODES.join(', ')}`),
};

/** `deidentify=<mode>`, or the older `deidentified=true|false`; not both. */
function deidentifyMode(values: Record<string, string>, problems: FieldProblem[]): DeidentifyMode | undefined {
  if (values.deidentify !== undefined && values.deidentified !== undefined) {
    problems.push({ field: 'deidentified', reason: 'give deidentify or deidentified, not both (deidentified=true is deidentify=safe-harbor)' });
  }
  return (values.deidentify as DeidentifyMode | undefined) ?? (values.deidentified === 'true' ? 'safe-harbor' : undefined);
}

function nameProblem(name: string): FieldProblem[] {
  return DATASET_NAMES.includes(name) ? [] : [{ field: 'name', reason: `must be one of ${DATASET_NAMES.join(', ')}` }];
}

/** Each parameter at most once, as text, and only the known ones. */
function single(raw: Raw, known: readonly string[], problems: FieldProblem[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [field, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (!known.includes(field)) problems.push({ field, reason: 'is not a parameter of this request' });
    else if (typeof value !== 'string') problems.push({ field, reason: 'must be given once' });
    else values[field] = value;
  }
  return values;
}

export function datasetParams(name: string, raw: Raw): DatasetParams {
  const problems = nameProblem(name);
  const values = single(raw, Object.keys(CHECKS), problems);
  for (const [field, value] of Object.entries(values)) {
    const problem = CHECKS[field](value);
    if (problem) problems.push({ field, reason: problem });
  }
  if (values.knownAt !== undefined && values.atPosition !== undefined) {
    problems.push({ field: 'atPosition', reason: 'give knownAt or atPosition, not both: they are two ways of cutting the log' });
  }
  const deidentify = deidentifyMode(values, problems);
  if (problems.length > 0) throw DomainError.invalid(problems);
  const whole = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  return {
    name,
    asOf: values.asOf,
    knownAt: values.knownAt,
    atPosition: whole(values.atPosition),
    minPosition: whole(values.minPosition),
    format: (values.format ?? 'json') as DatasetParams['format'],
    deidentify,
  };
}

export function dictionaryParams(name: string, raw: Raw): { name: string; format: (typeof DICTIONARY_FORMATS)[number]; deidentify?: DeidentifyMode } {
  const problems = nameProblem(name);
  const values = single(raw, ['format', 'deidentified', 'deidentify'], problems);
  for (const field of ['deidentified', 'deidentify'] as const) {
    const problem = values[field] === undefined ? null : CHECKS[field](values[field]);
    if (problem) problems.push({ field, reason: problem });
  }
  const { format = 'json' } = values;
  if (!DICTIONARY_FORMATS.includes(format as never)) problems.push({ field: 'format', reason: `must be one of ${DICTIONARY_FORMATS.join(', ')}` });
  const deidentify = deidentifyMode(values, problems);
  if (problems.length > 0) throw DomainError.invalid(problems);
  return { name, format: format as 'json' | 'md', deidentify };
}

/** Positions must lie within the log as it is now. */
export function positionProblems<P extends Pick<DatasetParams, 'atPosition' | 'minPosition'>>(params: P, headPosition: number): FieldProblem[] {
  return (['atPosition', 'minPosition'] as const)
    .filter((field) => (params[field] ?? 0) > headPosition)
    .map((field) => ({ field, reason: `is beyond the end of the log (position ${headPosition})` }));
}
