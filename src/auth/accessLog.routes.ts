/**
 * Binds the access-log interceptor to the routes that may serve a logged resource, and to no other.
 *
 * It was global (APP_INTERCEPTOR), so it ran on every request only to find most paths unlogged. Yet a
 * route with any interceptor makes Nest wrap each call in RxJS observables and two AsyncResource
 * bindings (each binding builds deprecation wrappers): about 0.05 ms of main-thread CPU per request, a
 * tenth of a write's, on the write endpoints, which log nothing. A route without one is awaited directly.
 *
 * The routes are chosen at start-up from the same list the interceptor checks (LOGGED_RESOURCES), for
 * every controller the application registers, so a new controller under a logged path is logged without
 * anyone remembering to say so. The choice errs on the side of logging: a parameter or a wildcard where
 * a logged path has a word, or letters in another case (Express routes ignore case), still binds it;
 * the interceptor then checks the request's own path as before.
 */
import type { Type } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { LOGGED_RESOURCES } from './accessLog';
import { AccessLogInterceptor } from './accessLog.interceptor';

const segmentsOf = (path: string): string[] => path.split('/').filter((s) => s !== '');
const pathsOf = (metadata: unknown): string[] => (Array.isArray(metadata) ? metadata : [metadata ?? '']).map(String);
/** a segment that matches more than its own letters: a parameter, a wildcard, an optional group, a pattern */
const isVariable = (segment: string) => /[:*{}()?+]/.test(segment);

/** Whether a route pattern (e.g. `/fhir/Patient/:id`) can match a path at or below `prefix` (e.g. `/fhir/Patient`). */
export function mayServe(pattern: string, prefix: string): boolean {
  const route = segmentsOf(pattern.toLowerCase());
  const wanted = segmentsOf(prefix.toLowerCase());
  for (let i = 0; i < wanted.length; i++) {
    if (i >= route.length) return false;
    if (isVariable(route[i])) return true;
    if (route[i] !== wanted[i]) return false;
  }
  return true;
}

function routeHandlers(controller: Type): Function[] {
  const handlers: Function[] = [];
  for (let proto = controller.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const handler = Object.getOwnPropertyDescriptor(proto, name)?.value;
      if (name !== 'constructor' && typeof handler === 'function' && Reflect.getMetadata(METHOD_METADATA, handler) !== undefined) handlers.push(handler);
    }
  }
  return handlers;
}

/**
 * Puts the interceptor first (outermost) on each route handler of `controllers` that may serve a
 * logged resource; returns the controllers, for the module's list. Nest reads the metadata when it
 * scans the module, so this runs before the application is created.
 */
export function logAccessOn<T extends Type[]>(controllers: T): T {
  for (const controller of controllers) {
    const prefixes = pathsOf(Reflect.getMetadata(PATH_METADATA, controller));
    for (const handler of routeHandlers(controller)) {
      const patterns = prefixes.flatMap((p) => pathsOf(Reflect.getMetadata(PATH_METADATA, handler)).map((h) => `${p}/${h}`));
      if (!patterns.some((pattern) => LOGGED_RESOURCES.some((resource) => mayServe(pattern, resource)))) continue;
      const bound: unknown[] = Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? [];
      if (!bound.includes(AccessLogInterceptor)) Reflect.defineMetadata(INTERCEPTORS_METADATA, [AccessLogInterceptor, ...bound], handler);
    }
  }
  return controllers;
}
