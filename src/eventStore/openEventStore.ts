/** Picks the adapter the configuration names. */
import type { AppConfig } from '../config';
import type { EventStore } from './eventStore.port';
import { MemoryEventStore } from './memory.adapter';
import { SqliteEventStore } from './sqlite.adapter';

export const EVENT_STORE = Symbol('EventStore');

export function openEventStore(config: AppConfig): EventStore {
  switch (config.store) {
    case 'memory':
      return new MemoryEventStore();
    case 'sqlite':
      return SqliteEventStore.inDirectory(config.dataDir);
    case 'eventstoredb':
      throw new Error('EVENT_STORE=eventstoredb: the EventStoreDB adapter is not built yet; use sqlite (the default)');
  }
}
