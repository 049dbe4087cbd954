/** Picks the adapter the configuration names. */
import type { AppConfig } from '../config';
import { PATIENT_STREAM_PREFIX } from '../patients/patient.events';
import { ACCESS_STREAM_PREFIX } from '../auth/accessLog';
import { USER_STREAM_PREFIX } from '../users/user.events';
import type { EventStore } from './eventStore.port';
import { EventStoreDbEventStore } from './eventstoredb.adapter';
import { MemoryEventStore } from './memory.adapter';
import { SqliteEventStore } from './sqlite.adapter';

export const EVENT_STORE = Symbol('EventStore');

/**
 * Every kind of stream the application writes. EventStoreDB's `$all` also holds the server's own and other
 * applications' streams, so that adapter reads only these (and refuses to write elsewhere): add a new kind here.
 */
const APPLICATION_STREAMS = [PATIENT_STREAM_PREFIX, USER_STREAM_PREFIX, ACCESS_STREAM_PREFIX];

/** `writerThread`: the application (server and CLI, through AppModule) commits SQLite appends on a writer thread (sqlite.writer.ts). */
export function openEventStore(config: AppConfig, options: { writerThread?: boolean } = {}): EventStore {
  switch (config.store) {
    case 'memory':
      return new MemoryEventStore();
    case 'sqlite':
      return SqliteEventStore.inDirectory(config.dataDir, options);
    case 'eventstoredb':
      if (!config.eventStoreUrl) throw new Error('EVENT_STORE=eventstoredb needs EVENTSTORE_URL, e.g. esdb://localhost:2113?tls=false');
      // No connection is made here: the app starts while the node is down and /health answers 503 until it is up.
      return new EventStoreDbEventStore({ connectionString: config.eventStoreUrl, streamPrefixes: APPLICATION_STREAMS });
  }
}
