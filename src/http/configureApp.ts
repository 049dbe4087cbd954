/** Everything main.ts and the e2e tests do alike to a Nest application before it listens. */
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { DomainErrorFilter } from './domainError.filter';
import { validationPipe } from './validation';
import { limitJsonDepth } from './jsonDepth';
import { serveWebApp } from '../web/webApp.serve';

export function configureApp(app: INestApplication): INestApplication {
  const express = app as NestExpressApplication;
  // FHIR clients send application/fhir+json (POST /fhir)
  express.useBodyParser('json', { limit: '1mb', type: ['application/json', 'application/fhir+json'] });
  express.use(limitJsonDepth);
  express.disable('x-powered-by');
  // The API docs page needs inline scripts and styles; everything else gets helmet's strict defaults.
  app.use(helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'style-src': ["'self'", "'unsafe-inline'"], 'upgrade-insecure-requests': null } } }));
  // the web UI's static files at /: middleware, so public and outside the OpenAPI document
  serveWebApp(app);
  app.useGlobalPipes(validationPipe);
  app.useGlobalFilters(new DomainErrorFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Cohort Chronicle')
      .setDescription('Event-sourced longitudinal patient tracker: every fact is an immutable event, corrected only by new events with a reason.')
      .setVersion(process.env.npm_package_version ?? '0.2.0')
      .addBearerAuth()
      .addCookieAuth('cc_session')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
