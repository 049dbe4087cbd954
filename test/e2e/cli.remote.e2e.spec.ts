/**
 * The built CLI against a running server (`--server URL` with a bearer token): the server, not the
 * operating system, says who recorded an import; a dataset fetched through the CLI is the one the HTTP
 * API serves; without a token, or with the wrong role, nothing is written.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/eventStore/sqlite.adapter';
import { userStreamId } from '../../src/users/user.events';
import { runCli } from '../support/cli';
import { MAYO_DIR } from '../support/mayo';
import { startServer, type ServerProcess } from '../support/serverProcess';

describe('CLI --server (e2e, a real server with authentication)', () => {
  let work: string;
  let env: Record<string, string>;
  let server: ServerProcess;
  const keys: Record<string, string> = {};

  /** The user is added on the data directory, as the operating-system user; the key is the last line. */
  const addUser = (name: string, ...flags: string[]) => {
    const run = runCli(['user', 'add', name, ...flags], env);
    expect(run.status).toBe(0);
    return run.stdout.trim().split('\n').pop()!;
  };
  const remote = (key: string | null, ...args: string[]) => runCli(['--server', server.url, ...(key ? ['--token', key] : []), ...args], env);
  // runCli's spawnSync blocks this process: let it notice keep-alive sockets the server closed meanwhile, or fetch reuses a dead one
  const get = async (path: string, key: string) => {
    await new Promise((resolve) => setTimeout(resolve, 10));
    return fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${key}` } });
  };
  const patientEvents = async () => {
    const store = SqliteEventStore.inDirectory(env.DATA_DIR);
    try {
      return (await store.readAll()).filter((e) => e.streamId.startsWith('patient-'));
    } finally {
      await store.close();
    }
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'cc-cli-remote-'));
    env = { DATA_DIR: join(work, 'data'), EVENT_STORE: 'sqlite', COHORT_TOKEN: '' };
    keys.recorder = addUser('rita', '--role', 'recorder');
    keys.analyst = addUser('ida', '--role', 'analyst', '--identified');
    keys.auditor = addUser('otto', '--role', 'auditor');
    keys.admin = addUser('adam', '--role', 'admin');
    server = await startServer({ ...env, AUTH: 'required' });
  }, 60_000);
  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(work, { recursive: true, force: true });
  });

  it('given no token, when importing remotely, then the CLI refuses before any request with exit code 2 and nothing is written', async () => {
    const run = remote(null, 'import', MAYO_DIR);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--server needs an API key: pass --token <key> or set COHORT_TOKEN');
    expect(await patientEvents()).toEqual([]);
  });

  it('given a token without the recorder role, when importing remotely, then the 403 is reported (exit code 3) and nothing is written', async () => {
    const run = remote(keys.analyst, 'import', MAYO_DIR);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('refused POST /imports to the token\'s user (403 forbidden): this needs one of the roles: recorder');
    expect(await patientEvents()).toEqual([]);
  });

  it('given a command with no HTTP twin, when run with --server, then it is refused with exit code 2', () => {
    const run = remote(keys.recorder, 'rebuild');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('`rebuild` works on the local data directory only');
  });

  it("given the recorder's token, when the mayo bundle is imported remotely, then every event says the token's user recorded it", async () => {
    const run = remote(keys.recorder, 'import', MAYO_DIR);
    expect(run.status).toBe(0);
    // the bundle's own figures (shared/cohorts/mayo-2012): 1791 rows of 81 patients, 2005 facts
    expect(run.stdout).toContain('1791 rows, 81 patients (81 changed, 0 unchanged)');
    expect(run.stdout).toContain('2005 events appended: 2005 new facts');
    const events = await patientEvents();
    expect(events).toHaveLength(2005);
    expect([...new Set(events.map((e) => e.recordedBy))]).toEqual(['rita']);
    expect(events.some((e) => e.recordedBy === `os:${userInfo().username}`)).toBe(false);

    const history = remote(keys.auditor, 'history', 'MCC-1078');
    expect(history.status).toBe(0);
    expect(history.stdout.split('\n')[0]).toMatch(/^#0 \S+ by rita: Enrolled patient MCC-1078/);
  });

  it('given a bundle with a problem, when imported remotely, then the server\'s problem is printed as file:line:column, exit code 1, nothing written', async () => {
    const broken = join(work, 'broken');
    cpSync(MAYO_DIR, broken, { recursive: true });
    writeFileSync(join(broken, 'contacts.csv'), `${readFileSync(join(broken, 'contacts.csv'), 'utf8')}MCC-0000,2001-01-01\n`);
    const before = (await patientEvents()).length;
    const run = remote(keys.recorder, 'import', broken);
    expect(run.status).toBe(1);
    // contacts.csv: its header and 1004 rows of the bundle, then the added line
    expect(run.stderr.split('\n')[0]).toBe('contacts.csv:1006:patient_id: patient MCC-0000 is not in patients.csv');
    expect((await patientEvents()).length).toBe(before);
  });

  it('given the imported cohort, when a dataset is fetched through the CLI, then it is the one GET /datasets/:name serves', async () => {
    const cli = remote(keys.analyst, 'dataset', 'survival');
    expect(cli.status).toBe(0);
    const direct = await get('/datasets/survival?format=csv', keys.analyst);
    expect(direct.status).toBe(200);
    expect(cli.stdout).toBe(await direct.text());
    const manifest = JSON.parse(cli.stderr.trim().split('\n').pop()!);
    // 75: "patients with follow-up" in shared/cohorts/mayo-2012 (README), one survival row each
    expect(manifest).toMatchObject({ dataset: 'survival', rows: 75, deidentified: false, sha256: direct.headers.get('x-dataset-sha256') });

    const json = remote(keys.analyst, 'dataset', 'survival', '--format', 'json');
    const directJson = (await (await get('/datasets/survival?format=json', keys.analyst)).json()) as { rows: unknown[] };
    expect(JSON.parse(json.stdout).rows).toEqual(directJson.rows);
  });

  it('given an analyst with identified access, when a limited data set is fetched through the CLI, then it is the one the HTTP API serves', async () => {
    const cli = remote(keys.analyst, 'dataset', 'treatments', '--deidentify', 'limited-data-set');
    expect(cli.status).toBe(0);
    const direct = await get('/datasets/treatments?format=csv&deidentify=limited-data-set', keys.analyst);
    expect(cli.stdout).toBe(await direct.text());
    expect(cli.stdout).not.toMatch(/MCC-\d+/);
    expect(JSON.parse(cli.stderr.trim().split('\n').pop()!)).toMatchObject({ deidentified: true, deidentification: 'limited-data-set' });
  });

  it('given a fixed knowledge cut, then each command prints through the server what it prints on the data directory', async () => {
    const at = String(((await (await get('/health', keys.auditor)).json()) as { headPosition: number }).headPosition);
    const runs: [string, string[]][] = [
      ['analyst', ['report', '--at-position', at]],
      ['analyst', ['analysis', 'kaplan-meier', '--at-position', at, '--group-by', 'sex']],
      ['analyst', ['dataset', 'time-to-onset', '--at-position', at]],
      ['auditor', ['events', 'MCC-1078']],
      ['auditor', ['history', 'MCC-1078', '--json']],
      ['auditor', ['diff', 'follow-up', '--from', '0', '--to', at]],
      ['auditor', ['audit-trail', '--patient', 'MCC-1078']],
      ['recorder', ['quality', '--at-position', at, '--as-of', '2011-06-30', '--json']],
    ];
    for (const [role, args] of runs) {
      const [here, there] = [runCli(args, env), remote(keys[role], ...args)];
      expect([args[0], there.status, here.status]).toEqual([args[0], 0, 0]);
      expect([args[0], there.stdout.length > 100]).toEqual([args[0], true]);
      expect([args[0], there.stdout]).toEqual([args[0], here.stdout]);
    }
    const [mine, theirs] = [join(work, 'export-here'), join(work, 'export-there')];
    expect([runCli(['export', mine, '--at-position', at], env).status, remote(keys.recorder, 'export', theirs, '--at-position', at).status]).toEqual([0, 0]);
    for (const file of readdirSync(mine)) expect([file, readFileSync(join(theirs, file), 'utf8')]).toEqual([file, readFileSync(join(mine, file), 'utf8')]);
    expect(JSON.parse(remote(keys.auditor, 'verify').stdout).ok).toBe(true);
  }, 240_000);

  it("given an admin's token, when a user is added remotely, then the server records the admin as its creator and the new key works", async () => {
    const run = remote(keys.admin, 'user', 'add', 'una', '--role', 'analyst');
    expect(run.status).toBe(0);
    const key = run.stdout.trim().split('\n').pop()!;
    expect((await get('/datasets', key)).status).toBe(200);
    const store = SqliteEventStore.inDirectory(env.DATA_DIR);
    try {
      expect([...new Set((await store.readStream(userStreamId('una'))).map((e) => e.recordedBy))]).toEqual(['adam']);
    } finally {
      await store.close();
    }
  });

  it('given the wrong token, when reading remotely, then the 401 is reported with exit code 3', () => {
    const run = remote('not-a-key', 'verify');
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('refused the token (401 unauthorized) on GET /audit/verify');
  });
});
