/**
 * Wires erasure into the application: the store every part of the app gets (EVENT_STORE) is the
 * sealing decorator over the configured adapter, with the key vault of the data directory (or a memory
 * vault for a memory store). The EventStoreDB deployment keeps its vault in DATA_DIR too.
 */
import type { Provider } from '@nestjs/common';
import { INSTALLATION_SECRET } from '../auth/installationSecret';
import type { AppConfig } from '../config';
import type { EventStore } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import { ErasableEventStore } from './erasableEventStore';
import { EraseIdentityHandler } from './eraseIdentity.handler';
import { memoryVaultOf } from './keyVault';
import { SqliteKeyVault } from './keyVault.sqlite';

export function erasableStore(config: AppConfig, raw: EventStore, installationSecret: Buffer): ErasableEventStore {
  if (config.store === 'memory') {
    const vault = memoryVaultOf(raw);
    return new ErasableEventStore(raw, vault, vault.lookupSecret);
  }
  return new ErasableEventStore(raw, SqliteKeyVault.inDirectory(config.dataDir), installationSecret);
}

export const erasureProviders = (config: AppConfig, openRaw: () => EventStore): Provider[] => [
  { provide: EVENT_STORE, useFactory: (secret: Buffer) => erasableStore(config, openRaw(), secret), inject: [INSTALLATION_SECRET] },
  EraseIdentityHandler,
];
