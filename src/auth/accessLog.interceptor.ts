/**
 * Logs every read of patient data (see accessLog.ts). A successful answer goes out only once its
 * access is in the log (a store that cannot take it answers 503 instead), so no read escapes the log;
 * refused requests are logged too, on a best-effort basis.
 */
import { type CallHandler, type ExecutionContext, Inject, Injectable, Logger, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { type Observable, catchError, mergeMap, throwError } from 'rxjs';
import type { EventStore } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import { CLOCK, type Clock } from '../shared/clock';
import { isLogged, recordAccess } from './accessLog';
import { errorBody } from '../http/domainError.filter';
import type { Identity } from './identity';
import { patientStreamForRead } from '../erasure/erasableEventStore';

/**
 * The log is never rewritten, so it must not hold a registry id that an erasure could not take back:
 * a patient named in the query (`patientId`) or in the path (a route's `:id`) is logged by its stream key
 * (`stream:<key>`), which the vault stops linking to the registry id at the erasure. Legacy patients
 * (no stream key) and unknown ids are logged as they were asked for.
 */
function streamNameOf(store: EventStore, patientId: string): string | null {
  const { streamKey } = patientStreamForRead(store, patientId);
  return streamKey === null ? null : `stream:${streamKey}`;
}

function loggedParameters(store: EventStore, query: Request['query']): Record<string, unknown> {
  const parameters: Record<string, unknown> = { ...query };
  const named = typeof query.patientId === 'string' ? streamNameOf(store, query.patientId) : null;
  if (named !== null) parameters.patientId = named;
  return parameters;
}

function loggedResource(store: EventStore, path: string, params: Request['params']): string {
  const id = params?.id;
  const named = typeof id === 'string' ? streamNameOf(store, id) : null;
  return named === null ? path : path.split('/').map((segment) => (decoded(segment) === id ? named : segment)).join('/');
}

const decoded = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  private readonly logger = new Logger('AccessLog');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { identity?: Identity }>();
    if (!isLogged(request.path)) return next.handle();
    const resource = loggedResource(this.store, request.path, request.params);
    const log = (status: number) =>
      recordAccess(this.store, { userName: request.identity?.userName ?? 'anonymous', method: request.method, resource, parameters: loggedParameters(this.store, request.query), status }, this.clock.now());
    return next.handle().pipe(
      mergeMap(async (value) => {
        await log(context.switchToHttp().getResponse<Response>().statusCode);
        return value;
      }),
      catchError((error: unknown) => {
        void log(errorBody(error).statusCode).catch((e: Error) => this.logger.error(`refused access to ${resource} not logged: ${e.message}`));
        return throwError(() => error);
      }),
    );
  }
}
