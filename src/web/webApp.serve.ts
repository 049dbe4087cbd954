/**
 * Serves the web UI (src/web/public: plain ES modules and CSS, no build step) at `/`. It is express
 * middleware in front of the routes, so it is public by nature (the login page must load before anyone
 * signs in), never appears in the OpenAPI document, and only answers GET/HEAD for files that exist:
 * every API path and /docs fall through to Nest untouched.
 */
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The files stay in src/ (tsc copies no assets): from dist/src/web the way back is three folders up. */
const WEB_ROOT = [join(__dirname, 'public'), join(__dirname, '..', '..', '..', 'src', 'web', 'public')].find((dir) => existsSync(join(dir, 'index.html')));

/**
 * The UI needs no inline script or style, so its pages get a stricter policy than helmet's default for
 * the API docs. `upgrade-insecure-requests` only where the page itself came over TLS: on a plain-HTTP
 * deployment it would rewrite the UI's own requests to https and break every one of them.
 */
function contentSecurityPolicy(secure: boolean): string {
  const directives = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return [...directives, ...(secure ? ['upgrade-insecure-requests'] : [])].join('; ');
}

export function serveWebApp(app: INestApplication): void {
  if (!WEB_ROOT) throw new Error('the web UI files (src/web/public) are missing');
  (app as NestExpressApplication).useStaticAssets(WEB_ROOT, {
    index: 'index.html',
    redirect: false,
    dotfiles: 'ignore',
    // revalidate every time (ETag): a new version of the UI reaches the browser at once
    maxAge: 0,
    setHeaders: (res: ServerResponse & { req?: { secure?: boolean } }) => {
      res.setHeader('Content-Security-Policy', contentSecurityPolicy(Boolean(res.req?.secure)));
      res.setHeader('Cache-Control', 'no-cache');
    },
  });
}
