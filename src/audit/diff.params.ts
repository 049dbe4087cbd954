/**
 * The parameters of a dataset diff, checked once for HTTP and CLI alike: `from` and `to` each name a
 * knowledge cut, as an ISO instant (knownAt) or a whole log position (atPosition); `asOf` and the
 * dataset name are checked by the datasets' own rules. Each problem names its parameter.
 */
import { datasetParams } from '../datasets/datasets.params';
import { DomainError, type FieldProblem } from '../shared/domain.error';
import { isIsoInstant, type IsoDate } from '../shared/dates';
import type { KnowledgeCut } from '../../projections/cohort.fold';

export interface DiffParams {
  name: string;
  from: KnowledgeCut;
  to: KnowledgeCut;
  asOf?: IsoDate;
}

const KNOWN = ['from', 'to', 'asOf'];

function cutOf(field: string, value: unknown, problems: FieldProblem[]): KnowledgeCut {
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return { atPosition: Number(value) };
  if (typeof value === 'string' && isIsoInstant(value)) return { knownAt: value };
  problems.push({ field, reason: 'must be an ISO 8601 instant with a time zone (a knownAt) or a whole number >= 0 (a log position)' });
  return {};
}

export function diffParams(name: string, raw: Record<string, unknown>): DiffParams {
  const problems: FieldProblem[] = Object.keys(raw)
    .filter((field) => raw[field] !== undefined && !KNOWN.includes(field))
    .map((field) => ({ field, reason: 'is not a parameter of this request' }));
  const from = cutOf('from', raw.from, problems);
  const to = cutOf('to', raw.to, problems);
  let asOf: IsoDate | undefined;
  try {
    asOf = datasetParams(name, { asOf: raw.asOf }).asOf;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    problems.push(...error.details);
  }
  if (problems.length > 0) throw DomainError.invalid(problems);
  return { name, from, to, asOf };
}

/** Positions must lie within the log as it is now. */
export function diffPositionProblems(params: DiffParams, head: number): FieldProblem[] {
  return (['from', 'to'] as const)
    .filter((field) => (params[field].atPosition ?? 0) > head)
    .map((field) => ({ field, reason: `is beyond the end of the log (position ${head})` }));
}
