/**
 * `copy` through the built CLI (dist/: `npm run build` first), as a user runs it. The EventStoreDB node is the
 * in-process gRPC TEST DOUBLE (not EventStoreDB); since it answers from this process, those runs spawn the CLI
 * asynchronously rather than through runCli, which would block the node while waiting.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SqliteEventStore } from '../../src/eventStore/sqlite.adapter';
import { startEsdbTestServer } from '../support/esdbTestServer/esdbTestServer';
import { runCli } from '../support/cli';
import { appendMayo } from '../support/mayo';

const CLI = join(__dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');
const copyAsync = async (from: string, to: string) => promisify(execFile)(process.execPath, [CLI, 'copy', '--from', from, '--to', to], { encoding: 'utf8' });
const tempDir = () => mkdtempSync(join(tmpdir(), 'copy-cli-'));

describe('cli copy', () => {
  let mayoDir: string;
  beforeAll(async () => {
    mayoDir = tempDir();
    const store = SqliteEventStore.inDirectory(mayoDir);
    await appendMayo(store);
    await store.close();
  });

  it('refuses a malformed store, naming the option, and writes nothing', () => {
    const target = join(tempDir(), 'never');
    const run = runCli(['copy', '--from', mayoDir, '--to', `sqlite:${target}`], {});
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`error: --from: must be sqlite:<dataDir>, memory: or an EventStoreDB connection string`);
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a missing option and a source without a store', () => {
    const missing = runCli(['copy', '--from', `sqlite:${mayoDir}`], {});
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("required option '--to <store>' not specified");
    const empty = join(tempDir(), 'empty');
    const noSource = runCli(['copy', '--from', `sqlite:${empty}`, '--to', `sqlite:${tempDir()}`], {});
    expect(noSource.status).toBe(1);
    expect(noSource.stderr).toContain(`error: --from: no event store in ${empty} (no events.sqlite)`);
    expect(existsSync(empty)).toBe(false);
  });

  it('copies SQLite to SQLite, verifies every dataset, and skips everything when run again', () => {
    const target = tempDir();
    const first = runCli(['copy', '--from', `sqlite:${mayoDir}`, '--to', `sqlite:${target}`], {});
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('2005 events copied, 0 skipped (already in the target)');
    expect(first.stdout).toContain('verification: OK, the target matches the source');
    expect(first.stdout).toContain('events: 2005 in the source, 2005 in the target; 81 streams in the source, 81 in the target');
    expect(first.stdout.match(/^ {2}dataset \S+ +[0-9a-f]{64} same$/gm)).toHaveLength(7);
    const again = runCli(['copy', '--from', `sqlite:${mayoDir}`, '--to', `sqlite:${target}`], {});
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('0 events copied, 2005 skipped (already in the target)');
    expect(runCli(['verify'], { EVENT_STORE: 'sqlite', DATA_DIR: target }).status).toBe(0);
  });

  it('copies SQLite to EventStoreDB (test double) and back to SQLite with the same dataset digests', async () => {
    const node = await startEsdbTestServer();
    try {
      const there = await copyAsync(`sqlite:${mayoDir}`, node.url);
      expect(there.stdout).toContain('2005 events copied, 0 skipped');
      expect(there.stdout).toContain('verification: OK');
      const back = await copyAsync(node.url, `sqlite:${tempDir()}`);
      expect(back.stdout).toContain('2005 events copied, 0 skipped');
      expect(back.stdout).toContain('verification: OK');
      const digests = (out: string) => out.match(/^ {2}dataset .*$/gm);
      expect(digests(back.stdout)).toEqual(digests(there.stdout));
    } finally {
      await node.stop();
    }
  });
});
