/**
 * What /health says about a store's link to its server. Embedded stores (memory, SQLite) have no link to
 * lose; a networked one (EventStoreDB) reports the outcome of its latest call. The port stays unchanged:
 * a store that can tell implements `ReportsConnection`.
 */
import type { EventStore } from './eventStore.port';

export type ConnectionState = 'embedded' | 'connecting' | 'connected' | 'unavailable';

export interface StoreConnection {
  state: ConnectionState;
  /** where the store connects to, without credentials */
  target?: string;
  /** ISO instant of the last change of state */
  since?: string;
  /** why the store is unavailable, in the driver's words */
  reason?: string;
}

export interface ReportsConnection {
  connection(): StoreConnection;
}

export function connectionOf(store: EventStore): StoreConnection {
  const reporting = store as EventStore & Partial<ReportsConnection>;
  return typeof reporting.connection === 'function' ? reporting.connection() : { state: 'embedded' };
}
