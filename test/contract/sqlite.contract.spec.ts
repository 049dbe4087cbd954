import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/eventStore/sqlite.adapter';
import { eventStoreContract, newEvent } from './eventStore.contract';

eventStoreContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-sqlite-'));
  return {
    store: SqliteEventStore.inDirectory(dir),
    reopen: async () => SqliteEventStore.inDirectory(dir),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('sqlite adapter', () => {
  it('refuses UPDATE and DELETE on the log, even through SQL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-sqlite-'));
    const store = SqliteEventStore.inDirectory(dir);
    await store.appendToStream('patient-1', [newEvent()], { expectedRevision: 'no_stream' });
    await store.close();
    const db = new Database(join(dir, 'events.sqlite'));
    expect(() => db.prepare("UPDATE events SET type = 'X'").run()).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/never deleted/);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets two connections on one file conflict instead of overwriting each other', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-sqlite-'));
    const a = SqliteEventStore.inDirectory(dir);
    const b = SqliteEventStore.inDirectory(dir);
    await a.appendToStream('patient-1', [newEvent()], { expectedRevision: 'no_stream' });
    await expect(b.appendToStream('patient-1', [newEvent()], { expectedRevision: 'no_stream' })).rejects.toThrow(/revision 0/);
    await b.appendToStream('patient-1', [newEvent()], { expectedRevision: 0 });
    expect((await a.readStream('patient-1')).map((e) => e.revision)).toEqual([0, 1]);
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
