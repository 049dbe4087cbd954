/**
 * What `cli copy` needs from erasure. The copy moves ciphertext, as it must (the hash chain covers it);
 * its check of the datasets on both sides reads them in clear, with the source's keys, since both logs
 * hold the same ciphertext. A SQLite target gets the vault and the installation secret along (a new data
 * directory without them would read every keyed patient as erased); any other target keeps using the
 * vault in DATA_DIR, as the EventStoreDB deployment does.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config';
import type { EventStore } from '../eventStore/eventStore.port';
import type { StoreLocation } from '../eventStore/storeLocation';
import { ErasableEventStore } from './erasableEventStore';
import { MemoryKeyVault, type KeyVault } from './keyVault';
import { SqliteKeyVault } from './keyVault.sqlite';

/** Where the vault of a store's deployment lives: its own data directory, else DATA_DIR. */
const vaultDirOf = (location: StoreLocation) => (location.kind === 'sqlite' ? location.dataDir : loadConfig().dataDir);

export function vaultOf(location: StoreLocation): KeyVault {
  if (location.kind === 'memory') return new MemoryKeyVault();
  const dataDir = vaultDirOf(location);
  return existsSync(join(dataDir, 'keys.sqlite')) ? SqliteKeyVault.inDirectory(dataDir) : new MemoryKeyVault();
}

/** The two logs as the application reads them (decrypted with `vault`), for comparing their datasets. */
export const readableWith = (vault: KeyVault, store: EventStore): EventStore => new ErasableEventStore(store, vault, randomBytes(32));

/** Gives a SQLite target the source's vault and installation secret (replacing any earlier copy of them). */
export function copyVaultTo(vault: KeyVault, from: StoreLocation, to: StoreLocation): string | null {
  if (to.kind !== 'sqlite' || !(vault instanceof SqliteKeyVault) || vaultDirOf(from) === to.dataDir) return null;
  mkdirSync(to.dataDir, { recursive: true });
  vault.copyTo(join(to.dataDir, 'keys.sqlite'));
  const secret = join(vaultDirOf(from), 'installation.secret');
  if (existsSync(secret) && !existsSync(join(to.dataDir, 'installation.secret'))) copyFileSync(secret, join(to.dataDir, 'installation.secret'));
  return `  the key vault (keys.sqlite) and installation.secret copied along: erasing in one directory does not erase in the other\n`;
}
