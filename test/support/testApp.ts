/** The real HTTP application on a chosen store and clock, for e2e tests through supertest. */
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import type { AppConfig } from '../../src/config';
import type { EventStore } from '../../src/eventStore/eventStore.port';
import { MemoryEventStore } from '../../src/eventStore/memory.adapter';
import { EVENT_STORE } from '../../src/eventStore/openEventStore';
import { configureApp } from '../../src/http/configureApp';
import { ExpressAppAdapter } from '../../src/http/expressApp.adapter';
import { patientStreamForRead } from '../../src/erasure/erasableEventStore';
import type { Clock } from '../../src/shared/clock';

/** A clock that starts at `start` and moves one second each time it is read. */
export function steppingClock(start = '2011-06-30T10:00:00.000Z'): Clock & { reads: number } {
  const clock = {
    reads: 0,
    now: () => new Date(Date.parse(start) + 1000 * clock.reads++).toISOString(),
  };
  return clock;
}

export interface TestApp {
  app: INestApplication;
  store: EventStore;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
  /** the stream a registry id is stored under (an opaque stream key: src/erasure/patientStreams.ts) */
  streamOf: (patientId: string) => string;
}

export async function startTestApp(options: { store?: EventStore; clock?: Clock; config?: Partial<AppConfig> } = {}): Promise<TestApp> {
  // Tests run in the explicit developer mode (every request acts as "dev-mode") unless they test security.
  const config: AppConfig = { store: 'memory', dataDir: '/nonexistent', port: 0, eventStoreUrl: null, auth: 'disabled', ...options.config };
  // A memory store is made here so the test can inspect it; a durable one is opened by the app itself.
  const store = options.store ?? (config.store === 'memory' ? new MemoryEventStore() : undefined);
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot({ config, store, clock: options.clock ?? steppingClock() })],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>(new ExpressAppAdapter(), { bodyParser: false, logger: ['error'] });
  configureApp(app);
  await app.init();
  const appStore: EventStore = app.get(EVENT_STORE);
  return { app, store: appStore, http: () => request(app.getHttpServer()), close: () => app.close(), streamOf: (patientId) => patientStreamForRead(appStore, patientId).streamId };
}
