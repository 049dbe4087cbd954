/**
 * The key vault in its own SQLite file (DATA_DIR/keys.sqlite, mode 0600), never in events.sqlite: the
 * log refuses every DELETE, and the vault's one DELETE is the erasure. secure_delete overwrites the
 * freed bytes, and a TRUNCATE checkpoint after a shred empties the WAL, so no copy of a shredded key is
 * left in the vault's files. synchronous=FULL: a key must be on disk before an event encrypted with it.
 * Like the SQLite event store it opens lazily, turns a disk fault into StoreUnavailableError (503) and
 * opens the file again after a fatal one, so a full or read-only disk does not stop the application.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { StoreUnavailableError } from '../eventStore/eventStore.port';
import { isFatalFault, isStorageFault } from '../eventStore/sqlite.connection';
import { newVaultEntry, type KeyVault, type VaultEntry } from './keyVault';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS patient_keys (
  stream_key TEXT PRIMARY KEY,
  lookup BLOB NOT NULL UNIQUE,
  data_key BLOB NOT NULL
);`;

function open(file: string) {
  // created 0600 before SQLite opens it: the keys are never readable by others, not even for a moment
  if (!existsSync(file)) closeSync(openSync(file, 'wx', 0o600));
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('secure_delete = ON');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    db,
    insert: db.prepare('INSERT INTO patient_keys (stream_key, lookup, data_key) VALUES (?, ?, ?) ON CONFLICT (lookup) DO NOTHING'),
    byLookup: db.prepare<[Buffer], { stream_key: string; data_key: Buffer }>('SELECT stream_key, data_key FROM patient_keys WHERE lookup = ?'),
    dataKey: db.prepare<[string], { data_key: Buffer }>('SELECT data_key FROM patient_keys WHERE stream_key = ?'),
    shred: db.prepare('DELETE FROM patient_keys WHERE stream_key = ?'),
  };
}
type Connection = ReturnType<typeof open>;

export class SqliteKeyVault implements KeyVault {
  private connection: Connection | null = null;

  constructor(readonly file: string) {}

  static inDirectory(dataDir: string): SqliteKeyVault {
    return new SqliteKeyVault(join(dataDir, 'keys.sqlite'));
  }

  issue(lookup: Buffer): VaultEntry {
    return this.use((c) => this.issueOn(c, lookup));
  }

  issueMany(lookups: readonly Buffer[]): VaultEntry[] {
    return this.use((c) => c.db.transaction(() => lookups.map((lookup) => this.issueOn(c, lookup)))());
  }

  streamKeyOf = (lookup: Buffer) => this.use((c) => c.byLookup.get(lookup)?.stream_key ?? null);
  dataKeyOf = (streamKey: string) => this.use((c) => c.dataKey.get(streamKey)?.data_key ?? null);

  shred(streamKey: string): boolean {
    return this.use((c) => {
      const deleted = c.shred.run(streamKey).changes > 0;
      if (deleted) c.db.pragma('wal_checkpoint(TRUNCATE)');
      return deleted;
    });
  }

  /** A consistent copy of the vault into `file` (replaced), for a copied log that must stay readable. */
  copyTo(file: string): void {
    const temporary = `${file}.copying`;
    rmSync(temporary, { force: true });
    this.use((c) => c.db.prepare('VACUUM INTO ?').run(temporary));
    renameSync(temporary, file);
    chmodSync(file, 0o600);
  }

  close(): void {
    this.connection?.db.close();
    this.connection = null;
  }

  private issueOn(c: Connection, lookup: Buffer): VaultEntry {
    const fresh = newVaultEntry();
    // another process may issue the same lookup at the same time: the UNIQUE lookup decides, and the one whose insert lost reads the winner
    if (c.insert.run(fresh.streamKey, lookup, fresh.dataKey).changes === 1) return fresh;
    const row = c.byLookup.get(lookup)!;
    return { streamKey: row.stream_key, dataKey: row.data_key };
  }

  private use<T>(work: (connection: Connection) => T): T {
    try {
      if (this.connection === null) {
        mkdirSync(join(this.file, '..'), { recursive: true });
        this.connection = open(this.file);
      }
      return work(this.connection);
    } catch (error) {
      const opening = this.connection === null;
      if (opening || isFatalFault(error)) this.close();
      if (opening || isStorageFault(error)) throw new StoreUnavailableError(`the key vault cannot be used (${(error as Error).message})`, error);
      throw error;
    }
  }
}
