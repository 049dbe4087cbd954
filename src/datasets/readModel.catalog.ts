/**
 * The generations of the cohort read model and which one is live. A rebuild fills a new generation
 * while the live one serves, then makes it live in one step (blue/green); a server in another process
 * sees the switch here and moves over. With EVENT_STORE=memory everything stays in this process.
 */
import Database from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryReadModelStorage, type ReadModelStorage } from './readModel.storage';
import { SqliteReadModelStorage } from './readModel.sqlite';

/** Bump when the stored form changes (the record fold or the tables): older generations are rebuilt. */
export const READ_MODEL_SCHEMA = 4;

export interface ReadModelCatalog {
  /** the live generation, if one of the current schema exists */
  live(): number | null;
  /** a new, empty generation, not yet live */
  create(): number;
  /** makes `generation` the live one and retires the others; returns the retired generations */
  activate(generation: number): number[];
  open(generation: number): ReadModelStorage;
  /** forgets a retired generation and frees its space */
  drop(generation: number): void;
  close(): void;
}

export class MemoryReadModelCatalog implements ReadModelCatalog {
  private readonly generations = new Map<number, MemoryReadModelStorage>();
  private current: number | null = null;

  live = () => this.current;

  create(): number {
    const generation = this.generations.size === 0 ? 1 : Math.max(...this.generations.keys()) + 1;
    this.generations.set(generation, new MemoryReadModelStorage(generation));
    return generation;
  }

  activate(generation: number): number[] {
    const retired = this.current === null || this.current === generation ? [] : [this.current];
    this.current = generation;
    return retired;
  }

  open = (generation: number) => this.generations.get(generation)!;
  drop = (generation: number) => void this.generations.delete(generation);
  close(): void {}
}

const CATALOG_SCHEMA = `
CREATE TABLE IF NOT EXISTS generations (
  generation INTEGER PRIMARY KEY AUTOINCREMENT, schema INTEGER NOT NULL, segment_size INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('building', 'live', 'retired')), created_at TEXT NOT NULL
);`;

/** DATA_DIR/readmodels.sqlite lists the generations; each one is DATA_DIR/readmodels/cohort-<n>.sqlite. */
export class SqliteReadModelCatalog implements ReadModelCatalog {
  private readonly db: Database.Database;
  private readonly folder: string;

  constructor(dataDir: string) {
    this.folder = join(dataDir, 'readmodels');
    mkdirSync(this.folder, { recursive: true });
    this.db = new Database(join(dataDir, 'readmodels.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(CATALOG_SCHEMA);
  }

  live(): number | null {
    const sql = "SELECT MAX(generation) FROM generations WHERE status = 'live' AND schema = ?";
    return (this.db.prepare(sql).pluck().get(READ_MODEL_SCHEMA) as number | null) ?? null;
  }

  create(): number {
    // segment_size is a column of schema 1 generations (segment snapshots), kept so old catalogs still open
    const sql = "INSERT INTO generations (schema, segment_size, status, created_at) VALUES (?, 0, 'building', ?)";
    return Number(this.db.prepare(sql).run(READ_MODEL_SCHEMA, new Date().toISOString()).lastInsertRowid);
  }

  activate(generation: number): number[] {
    return this.db.transaction(() => {
      const retired = this.db.prepare("SELECT generation FROM generations WHERE status = 'live' AND generation != ?").pluck().all(generation) as number[];
      this.db.prepare("UPDATE generations SET status = 'retired' WHERE status = 'live' AND generation != ?").run(generation);
      this.db.prepare("UPDATE generations SET status = 'live' WHERE generation = ?").run(generation);
      return retired;
    }).immediate();
  }

  open(generation: number): ReadModelStorage {
    return new SqliteReadModelStorage(this.fileOf(generation), generation);
  }

  drop(generation: number): void {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${this.fileOf(generation)}${suffix}`, { force: true });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private fileOf(generation: number): string {
    return join(this.folder, `cohort-${generation}.sqlite`);
  }
}
