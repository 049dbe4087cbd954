/**
 * Where a command-line copy reads or writes a log: `sqlite:<dataDir>`, `memory:` (tests only: a fresh,
 * empty store in this process) or an EventStoreDB connection string (`esdb://...`, `esdb+discover://...`,
 * the EVENTSTORE_URL form). Parsing is pure and names the option at fault, so a bad argument is refused
 * before any store is opened and nothing is written.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppConfig } from '../config';
import type { EventStore } from './eventStore.port';
import { redactedTarget } from './eventstoredb.connection';
import { openEventStore } from './openEventStore';

export type StoreLocation = { kind: 'sqlite'; dataDir: string } | { kind: 'memory' } | { kind: 'eventstoredb'; url: string };

export const STORE_FORMS = 'sqlite:<dataDir>, memory: or an EventStoreDB connection string (esdb://host:2113?tls=false, esdb+discover://...)';

export function parseStoreLocation(option: string, text: string | undefined): StoreLocation {
  const value = (text ?? '').trim();
  if (value.startsWith('sqlite:')) {
    const dir = value.slice('sqlite:'.length);
    if (dir === '') throw new Error(`${option}: sqlite: needs the data directory, e.g. sqlite:./data`);
    return { kind: 'sqlite', dataDir: resolve(dir) };
  }
  if (value === 'memory:') return { kind: 'memory' };
  if (/^esdb(\+discover)?:\/\/[^/?#\s]+/.test(value)) return { kind: 'eventstoredb', url: value };
  throw new Error(`${option}: must be ${STORE_FORMS}, not ${JSON.stringify(text ?? '')}`);
}

/** The problem with copying from `from` to `to`, or null; checked before either store is opened. */
export function copyLocationsProblem(from: StoreLocation, to: StoreLocation): string | null {
  if (from.kind === 'sqlite' && !existsSync(join(from.dataDir, 'events.sqlite'))) return `--from: no event store in ${from.dataDir} (no events.sqlite)`;
  if (from.kind !== 'memory' && describeLocation(from) === describeLocation(to)) return '--to: must be another store than --from';
  return null;
}

/** For messages: no password ever printed. */
export function describeLocation(location: StoreLocation): string {
  if (location.kind === 'sqlite') return `sqlite:${location.dataDir}`;
  if (location.kind === 'memory') return 'memory:';
  return redactedTarget(location.url);
}

/** Opens the store the way the server would for the same settings (same adapter, same stream prefixes). */
export function openStoreAt(location: StoreLocation): EventStore {
  const config: AppConfig = {
    store: location.kind,
    dataDir: location.kind === 'sqlite' ? location.dataDir : resolve('.'),
    port: 0,
    eventStoreUrl: location.kind === 'eventstoredb' ? location.url : null,
    auth: 'required',
  };
  return openEventStore(config);
}
