/**
 * The key vault in its own SQLite file (DATA_DIR/keys.sqlite, mode 0600), never in events.sqlite: the
 * log refuses every DELETE, and the vault's one DELETE is the erasure. secure_delete overwrites the
 * freed bytes, and a TRUNCATE checkpoint after a shred empties the WAL, so no copy of a shredded key is
 * left in the vault's files. synchronous=FULL: a key must be on disk before an event encrypted with it.
 */
import Database from 'better-sqlite3';
import { chmodSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { newVaultEntry, type KeyVault, type VaultEntry } from './keyVault';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS patient_keys (
  stream_key TEXT PRIMARY KEY,
  lookup BLOB NOT NULL UNIQUE,
  data_key BLOB NOT NULL
);`;

export class SqliteKeyVault implements KeyVault {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(readonly file: string) {
    this.db = new Database(file);
    chmodSync(file, 0o600);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.statements = {
      insert: this.db.prepare('INSERT INTO patient_keys (stream_key, lookup, data_key) VALUES (?, ?, ?) ON CONFLICT (lookup) DO NOTHING'),
      byLookup: this.db.prepare<[Buffer], { stream_key: string; data_key: Buffer }>('SELECT stream_key, data_key FROM patient_keys WHERE lookup = ?'),
      dataKey: this.db.prepare<[string], { data_key: Buffer }>('SELECT data_key FROM patient_keys WHERE stream_key = ?'),
      shred: this.db.prepare('DELETE FROM patient_keys WHERE stream_key = ?'),
    };
  }

  static inDirectory(dataDir: string): SqliteKeyVault {
    mkdirSync(dataDir, { recursive: true });
    return new SqliteKeyVault(join(dataDir, 'keys.sqlite'));
  }

  issue(lookup: Buffer): VaultEntry {
    const fresh = newVaultEntry();
    // another process may issue the same lookup at the same time: the UNIQUE lookup decides, both read the winner
    this.statements.insert.run(fresh.streamKey, lookup, fresh.dataKey);
    const row = this.statements.byLookup.get(lookup)!;
    return { streamKey: row.stream_key, dataKey: row.data_key };
  }

  issueMany(lookups: readonly Buffer[]): VaultEntry[] {
    return this.db.transaction(() => lookups.map((lookup) => this.issue(lookup)))();
  }

  streamKeyOf = (lookup: Buffer) => this.statements.byLookup.get(lookup)?.stream_key ?? null;
  dataKeyOf = (streamKey: string) => this.statements.dataKey.get(streamKey)?.data_key ?? null;

  shred(streamKey: string): boolean {
    const deleted = this.statements.shred.run(streamKey).changes > 0;
    if (deleted) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return deleted;
  }

  /** A consistent copy of the vault into `file` (replaced), for a copied log that must stay readable. */
  copyTo(file: string): void {
    const temporary = `${file}.copying`;
    rmSync(temporary, { force: true });
    this.db.prepare('VACUUM INTO ?').run(temporary);
    renameSync(temporary, file);
    chmodSync(file, 0o600);
  }

  close(): void {
    this.db.close();
  }
}
