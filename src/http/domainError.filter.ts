/**
 * The one place where errors become HTTP answers. The body always says what was wrong in words and,
 * for bad input, names each field; it never carries a stack trace or SQL.
 */
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ConcurrencyError, StoreUnavailableError } from '../eventStore/eventStore.port';
import { DomainError, type DomainErrorCode, type FieldProblem } from '../shared/domain.error';
import { ReadModelBehindError } from '../datasets/cohort.request';

const STATUS_OF: Record<DomainErrorCode, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  rule_violated: HttpStatus.UNPROCESSABLE_ENTITY,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
};

/** Statuses the framework raises itself (routing, body parsing, rate limiting) and their codes. */
const CODE_OF_STATUS: Record<number, string> = { 404: 'not_found', 413: 'too_large', 429: 'rate_limited' };

interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  details?: readonly FieldProblem[];
}

@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = errorBody(exception);
    if (body.statusCode === HttpStatus.INTERNAL_SERVER_ERROR) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (body.code === 'read_model_behind') response.setHeader('Retry-After', '1');
    else if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) {
      this.logger.error((exception as Error).message);
      response.setHeader('Retry-After', '5');
    }
    if (body.statusCode === HttpStatus.UNAUTHORIZED) response.setHeader('WWW-Authenticate', 'Bearer');
    response.status(body.statusCode).json(body);
  }
}

/** The answer an exception gets: its status, a code and the reason in words (no stack, no SQL). */
export function errorBody(exception: unknown): ErrorBody {
  if (exception instanceof DomainError) {
    const statusCode = STATUS_OF[exception.code];
    return { statusCode, error: reason(statusCode), code: exception.code, message: exception.message, ...(exception.details.length ? { details: exception.details } : {}) };
  }
  if (exception instanceof ConcurrencyError) {
    return { statusCode: 409, error: reason(409), code: 'concurrency', message: `the patient changed since revision ${exception.expected}: it is now at revision ${exception.actual}; reload and try again` };
  }
  if (exception instanceof ReadModelBehindError) {
    return { statusCode: 503, error: reason(503), code: 'read_model_behind', message: exception.message };
  }
  if (exception instanceof StoreUnavailableError) {
    return { statusCode: 503, error: reason(503), code: 'store_unavailable', message: `${exception.message}; nothing was written, try again later` };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const message = httpMessage(exception);
    return { statusCode, error: reason(statusCode), code: CODE_OF_STATUS[statusCode] ?? 'invalid', message };
  }
  return { statusCode: 500, error: reason(500), code: 'internal', message: 'an unexpected error occurred; nothing was written by this request' };
}

function reason(status: number): string {
  return (HttpStatus[status] ?? 'Error').toString().toLowerCase().replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** Body-parser and routing errors: keep their words, which say what was wrong with the request. */
function httpMessage(exception: HttpException): string {
  const response = exception.getResponse();
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
}
