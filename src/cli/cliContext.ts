/**
 * The CLI runs the same use cases as the HTTP API: it boots the application context (no HTTP server)
 * on the configured store and sends messages through the same command and query buses.
 */
import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { userInfo } from 'node:os';
import { AppModule } from '../app.module';
import { loadConfig, type AppConfig } from '../config';
import type { EventStore } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import { CliRefusal } from './cliRefusal';

export interface CliContext {
  app: INestApplicationContext;
  config: AppConfig;
  commandBus: CommandBus;
  queryBus: QueryBus;
  store: EventStore;
  /** the operating-system user: whoever can read the data directory has the data anyway */
  recordedBy: string;
}

let serverGiven = false;

/**
 * Set before any action when `--server` was given (cliTarget.targetOptions). Commands that honour it
 * never reach for the local context then; one that does has no remote way and must not quietly act on
 * the local data directory instead of the server meant.
 */
export function markServerGiven(): void {
  serverGiven = true;
}

export async function withCliContext<T>(work: (context: CliContext) => Promise<T>): Promise<T> {
  if (serverGiven) throw new CliRefusal('this command works on the local data directory only (it has no remote way): run it without --server, on the server\'s machine');
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config }), { logger: ['error', 'warn'] });
  try {
    return await work({
      app,
      config,
      commandBus: app.get(CommandBus),
      queryBus: app.get(QueryBus),
      store: app.get(EVENT_STORE),
      recordedBy: `os:${userInfo().username}`,
    });
  } finally {
    await app.close();
  }
}
