import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteReadModelCatalog } from './readModel.catalog';

describe('read model catalog (SQLite)', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'cc-catalog-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('given generations built one after the other, then one is live at a time and a retired one can be dropped with its file', () => {
    const catalog = new SqliteReadModelCatalog(dataDir);
    expect(catalog.live()).toBeNull();
    const first = catalog.create();
    expect(catalog.live()).toBeNull();
    expect(catalog.activate(first)).toEqual([]);
    catalog.open(first).close();
    const second = catalog.create();
    expect([catalog.live(), second]).toEqual([first, first + 1]);
    expect(catalog.activate(second)).toEqual([first]);
    expect(catalog.live()).toBe(second);
    const file = join(dataDir, 'readmodels', `cohort-${first}.sqlite`);
    expect(existsSync(file)).toBe(true);
    catalog.drop(first);
    expect(existsSync(file)).toBe(false);
    catalog.close();
  });

  it('given a live generation stored in an older form, then none counts as live (it is rebuilt)', () => {
    new SqliteReadModelCatalog(dataDir).close();
    const db = new Database(join(dataDir, 'readmodels.sqlite'));
    db.prepare("INSERT INTO generations (schema, segment_size, status, created_at) VALUES (0, 20000, 'live', '2020-01-01T00:00:00Z')").run();
    db.close();
    const catalog = new SqliteReadModelCatalog(dataDir);
    expect(catalog.live()).toBeNull();
    expect(catalog.activate(catalog.create())).toEqual([1]);
    catalog.close();
  });
});
