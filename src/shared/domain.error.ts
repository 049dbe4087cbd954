/**
 * The one error type of the functional core. It carries a code, never an HTTP status: the shell maps
 * codes to statuses in exactly one place (http/domainError.filter.ts).
 */
export type DomainErrorCode =
  /** the input itself is malformed: a bad date, an unknown vocabulary term, a missing field */
  | 'invalid'
  /** well-formed, but the record forbids it: a stop before its start, a second death */
  | 'rule_violated'
  /** it clashes with what is already recorded: an id in use, a patient enrolled twice */
  | 'conflict'
  | 'not_found'
  /** no valid credentials came with the request */
  | 'unauthenticated'
  /** the caller is known but none of their roles allows this */
  | 'forbidden';

export interface FieldProblem {
  field: string;
  reason: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static invalid(problems: readonly FieldProblem[]): DomainError {
    const summary = problems.map((p) => `${p.field}: ${p.reason}`).join('; ');
    return new DomainError('invalid', `invalid input: ${summary}`, problems);
  }
}
