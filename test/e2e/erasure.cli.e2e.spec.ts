/**
 * `cli erase` with the built program on a SQLite data directory: the mayo-2012 bundle imported through
 * the CLI (keyed streams), one patient erased per mode; `verify` still passes, `history` by registry id
 * finds nobody, the survival dataset loses the excluded patient and keeps the anonymous one.
 * MCC-9182 and MCC-2602 are rows of shared/cohorts/mayo-2012/patients.csv; expected/survival.csv holds
 * 75 rows (R's survfit n), MCC-9182 among them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/eventStore/sqlite.adapter';
import { runCli } from '../support/cli';
import { MAYO_DIR } from '../support/mayo';
import { startServer, type ServerProcess } from '../support/serverProcess';

describe('erase (CLI e2e)', () => {
  let dataDir: string;
  const cli = (...args: string[]) => runCli(args, { DATA_DIR: dataDir, EVENT_STORE: 'sqlite' });
  const survival = () => {
    const run = cli('dataset', 'survival', '--format', 'json');
    expect(run.status).toBe(0);
    return JSON.parse(run.stdout).rows as { patient_id: string }[];
  };
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'cc-erase-cli-'));
    expect(cli('import', MAYO_DIR).status).toBe(0);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('erases by mode, refuses bad input naming the option, and the log still verifies', () => {
    const expectedRows = readFileSync(join(MAYO_DIR, 'expected', 'survival.csv'), 'utf8').trim().split('\n').length - 1;
    const before = survival();
    expect(before).toHaveLength(expectedRows);
    expect(before.some((r) => r.patient_id === 'MCC-9182')).toBe(true);

    const bad = cli('erase', 'MCC-9182', '--mode', 'forget', '--reason', 'x');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--mode.*forget/);

    const anonymous = cli('erase', 'MCC-2602', '--mode', 'anonymous', '--reason', 'request 1');
    expect(anonymous.status).toBe(0);
    expect(JSON.parse(anonymous.stdout)).toMatchObject({ mode: 'anonymous', anonymousId: expect.stringMatching(/^erased-/), keyShredded: true });
    const excluded = cli('erase', 'MCC-9182', '--mode', 'exclude', '--reason', 'request 2');
    expect(excluded.status).toBe(0);

    const after = survival();
    expect(after).toHaveLength(expectedRows - 1);
    expect(after.some((r) => r.patient_id.startsWith('MCC-9182'))).toBe(false);
    const history = cli('history', 'MCC-9182');
    expect(history.status).not.toBe(0);
    expect(history.stderr).toMatch(/not enrolled/);
    const anonymousHistory = cli('history', JSON.parse(anonymous.stdout).anonymousId);
    expect(anonymousHistory.status).toBe(0);
    expect(anonymousHistory.stdout).toMatch(/Identity erased \(kept in datasets anonymously\)/);
    expect(anonymousHistory.stdout).not.toMatch(/MCC-2602/);

    const verify = cli('verify');
    expect(verify.status).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
    expect(cli('erase', 'MCC-9182', '--mode', 'exclude', '--reason', 'again').stderr).toMatch(/not enrolled/);
  });

  it('copy moves the ciphertext and the vault: the copy verifies, reads in clear, and keeps the erasures', () => {
    const target = join(dataDir, 'copy');
    const copy = runCli(['copy', '--from', `sqlite:${dataDir}`, '--to', `sqlite:${target}`], {});
    expect(copy.status).toBe(0);
    expect(copy.stdout).toMatch(/key vault \(keys.sqlite\) and installation.secret copied along/);
    expect(copy.stdout).toMatch(/verification: OK/);
    const history = runCli(['history', 'MCC-8632'], { DATA_DIR: target, EVENT_STORE: 'sqlite' });
    expect(history.status).toBe(0);
    expect(history.stdout).toMatch(/Enrolled patient MCC-8632/);
    expect(runCli(['history', 'MCC-9182'], { DATA_DIR: target, EVENT_STORE: 'sqlite' }).stderr).toMatch(/not enrolled/);
  });
});

describe('erase --server (CLI e2e, a real server with authentication)', () => {
  let work: string;
  let env: Record<string, string>;
  let server: ServerProcess;
  const keys: Record<string, string> = {};
  const addUser = (name: string, role: string) => runCli(['user', 'add', name, '--role', role], env).stdout.trim().split('\n').pop()!;
  const remote = (key: string, ...args: string[]) => runCli(['--server', server.url, '--token', key, ...args], env);

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'cc-erase-remote-'));
    env = { DATA_DIR: join(work, 'data'), EVENT_STORE: 'sqlite', COHORT_TOKEN: '' };
    keys.recorder = addUser('rita', 'recorder');
    keys.admin = addUser('adam', 'admin');
    server = await startServer({ ...env, AUTH: 'required' });
  }, 60_000);
  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(work, { recursive: true, force: true });
  });

  it('goes through POST /patients/:id/erasure as the token user: a recorder is refused, an admin erases and is recorded', async () => {
    expect(remote(keys.recorder, 'import', MAYO_DIR).status).toBe(0);
    const refused = remote(keys.recorder, 'erase', 'MCC-2602', '--mode', 'exclude', '--reason', 'request 3');
    expect(refused.status).toBe(3);
    expect(refused.stderr).toMatch(/403.*admin/);
    const erased = remote(keys.admin, 'erase', 'MCC-2602', '--mode', 'exclude', '--reason', 'request 3');
    expect(erased.status).toBe(0);
    expect(JSON.parse(erased.stdout)).toMatchObject({ mode: 'exclude', anonymousId: expect.stringMatching(/^erased-/), keyShredded: true });
    const store = SqliteEventStore.inDirectory(env.DATA_DIR);
    try {
      const erasures = (await store.readAll()).filter((e) => e.type === 'IdentityErased');
      expect(erasures.map((e) => e.recordedBy)).toEqual(['adam']);
    } finally {
      await store.close();
    }
  });
});
