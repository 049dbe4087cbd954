/**
 * Where a subscription starts: the `after` parameter, or the Last-Event-ID header that a reconnecting
 * EventSource sends (the id of the last event it received), which wins because it is the newer word
 * of the same client. Either must be a log position within the log; the problems name the field.
 */
import { DomainError, type FieldProblem } from '../shared/domain.error';

const POSITION = /^\d{1,15}$/;

export function streamStart(query: Record<string, unknown>, lastEventId: unknown, headPosition: number): number {
  const problems: FieldProblem[] = [];
  for (const field of Object.keys(query)) if (field !== 'after') problems.push({ field, reason: 'is not a parameter of this request' });
  const check = (field: string, value: unknown): number | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !POSITION.test(value)) {
      problems.push({ field, reason: 'must be a whole number >= 0 (a log position)' });
      return undefined;
    }
    const position = Number(value);
    if (position > headPosition) problems.push({ field, reason: `is beyond the end of the log (position ${headPosition})` });
    return position;
  };
  const after = check('after', query.after);
  const resumed = check('Last-Event-ID', lastEventId);
  if (problems.length > 0) throw DomainError.invalid(problems);
  return resumed ?? after ?? headPosition;
}
