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
 * A minimal Express app took 240 -> 175 µs of CPU per request (client included); this server's main
 * thread, see the commit.
 */
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express } from 'express';
import { IncomingMessage, ServerResponse, createServer } from 'node:http';

/** Node's constructors are plain functions today; were one a class, it could not be called on an object made here. */
const callable = (constructor: Function) => !/^class\b/.test(Function.prototype.toString.call(constructor));

/** A constructor that makes what `base` makes, with `prototype` as its prototype (a function, so its prototype can be set). */
function bornWith(base: Function, prototype: object): Function {
  function Born(this: object, ...args: unknown[]): void {
    base.apply(this, args);
  }
  Born.prototype = prototype;
  return Born;
}

export class ExpressAppAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    if (options?.httpsOptions || options?.forceCloseConnections || !callable(IncomingMessage) || !callable(ServerResponse)) return super.initHttpServer(options);
    const app = this.getInstance<Express>();
    this.httpServer = createServer(
      { IncomingMessage: bornWith(IncomingMessage, app.request) as typeof IncomingMessage, ServerResponse: bornWith(ServerResponse, app.response) as typeof ServerResponse },
      app,
    );
  }
}
