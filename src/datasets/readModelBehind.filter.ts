/**
 * 503 + Retry-After for a request that needs a log position the read model has not folded yet. Scoped
 * to the datasets controller; every other error goes on to the application's DomainErrorFilter, whose
 * body shape this one keeps.
 */
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { ReadModelBehindError } from './cohort.request';

@Catch(ReadModelBehindError)
export class ReadModelBehindFilter implements ExceptionFilter {
  catch(exception: ReadModelBehindError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    response.setHeader('Retry-After', '1');
    response.status(HttpStatus.SERVICE_UNAVAILABLE).json({
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      error: 'Service unavailable',
      code: 'read_model_behind',
      message: exception.message,
    });
  }
}
