import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { copyLocationsProblem, describeLocation, parseStoreLocation } from './storeLocation';

describe('parseStoreLocation', () => {
  it('reads the three forms', () => {
    expect(parseStoreLocation('--from', 'sqlite:./data')).toEqual({ kind: 'sqlite', dataDir: resolve('./data') });
    expect(parseStoreLocation('--to', 'memory:')).toEqual({ kind: 'memory' });
    expect(parseStoreLocation('--to', 'esdb://admin:changeit@n1:2113,n2:2113?tls=true')).toEqual({ kind: 'eventstoredb', url: 'esdb://admin:changeit@n1:2113,n2:2113?tls=true' });
    expect(parseStoreLocation('--to', 'esdb+discover://cluster.example:2113')).toEqual({ kind: 'eventstoredb', url: 'esdb+discover://cluster.example:2113' });
  });

  it('refuses anything else, naming the option', () => {
    expect(() => parseStoreLocation('--from', './data')).toThrow(
      '--from: must be sqlite:<dataDir>, memory: or an EventStoreDB connection string (esdb://host:2113?tls=false, esdb+discover://...), not "./data"',
    );
    expect(() => parseStoreLocation('--to', 'sqlite:')).toThrow('--to: sqlite: needs the data directory, e.g. sqlite:./data');
    expect(() => parseStoreLocation('--to', 'esdb://')).toThrow(/^--to: must be/);
    expect(() => parseStoreLocation('--to', 'http://localhost:2113')).toThrow(/^--to: must be/);
  });
});

describe('copyLocationsProblem', () => {
  const dir = mkdtempSync(join(tmpdir(), 'copy-locations-'));
  writeFileSync(join(dir, 'events.sqlite'), '');

  it('refuses a SQLite source without a store (copying from it would create one)', () => {
    const missing = join(dir, 'nothing-here');
    expect(copyLocationsProblem({ kind: 'sqlite', dataDir: missing }, { kind: 'memory' })).toBe(`--from: no event store in ${missing} (no events.sqlite)`);
  });

  it('refuses copying a store onto itself', () => {
    expect(copyLocationsProblem({ kind: 'sqlite', dataDir: dir }, { kind: 'sqlite', dataDir: dir })).toBe('--to: must be another store than --from');
    expect(copyLocationsProblem({ kind: 'eventstoredb', url: 'esdb://n1:2113?tls=false' }, { kind: 'eventstoredb', url: 'esdb://n1:2113' })).toBe('--to: must be another store than --from');
  });

  it('accepts an existing source and another target', () => {
    expect(copyLocationsProblem({ kind: 'sqlite', dataDir: dir }, { kind: 'eventstoredb', url: 'esdb://n1:2113?tls=false' })).toBeNull();
  });
});

describe('describeLocation', () => {
  it('never prints the password of a connection string', () => {
    expect(describeLocation({ kind: 'eventstoredb', url: 'esdb://admin:changeit@n1:2113?tls=true' })).toBe('esdb://n1:2113');
  });
});
