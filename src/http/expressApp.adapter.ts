/**
 * Nest's Express adapter with one change: the HTTP server makes each request and response with
 * Express's prototypes (app.request, app.response) from the start.
 *
 * Express gives them those prototypes on arrival (Object.setPrototypeOf in app.handle). In V8 an object
 * whose prototype was changed gets hidden classes (maps) of its own for every property added afterwards,
 * so no two requests shared a map: every read or write of a property of req or res, in Express, the
 * router, body-parser, Nest and this application, missed its inline cache and went to the runtime, and
 * new maps were built (and collected) for every request. Born with those prototypes, Express's
 * setPrototypeOf changes nothing, and requests share their maps like objects of one constructor.
 * A minimal Express app took 240 -> 133 µs of CPU per request (client included); this server, see the
 * commits.
 */
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express } from 'express';
import { IncomingMessage, ServerResponse, createServer } from 'node:http';

/**
 * A subclass of Node's request or response class whose prototype takes the place of Express's
 * (`app.request` / `app.response`): it inherits from Express's and carries the same own properties
 * (`app`), so the prototype chain is the one Express would set, and Express finds it already set. A
 * class, so that V8 sizes its objects from what the constructor adds and keeps them in fast mode
 * (a plain constructor function made requests that went to dictionary mode: 160 -> 133 µs in the
 * minimal app).
 */
function bornExpress<T extends typeof IncomingMessage | typeof ServerResponse>(app: Express, key: 'request' | 'response', base: T): T {
  const express: object = app[key];
  const Born = class extends (base as typeof IncomingMessage) {};
  Object.setPrototypeOf(Born.prototype, Object.getPrototypeOf(express));
  for (const name of Reflect.ownKeys(express)) Object.defineProperty(Born.prototype, name, Object.getOwnPropertyDescriptor(express, name)!);
  app[key] = Born.prototype as never;
  return Born as unknown as T;
}

export class ExpressAppAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    if (options?.httpsOptions || options?.forceCloseConnections) return super.initHttpServer(options);
    const app = this.getInstance<Express>();
    this.httpServer = createServer({ IncomingMessage: bornExpress(app, 'request', IncomingMessage), ServerResponse: bornExpress(app, 'response', ServerResponse) }, app);
  }
}
