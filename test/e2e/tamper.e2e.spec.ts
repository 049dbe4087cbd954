import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { startTestApp } from '../support/testApp';

/** Records 1 enrolment + 5 contacts (positions 1..6), then lets a test tamper with the file directly. */
async function recordedLog(dataDir: string): Promise<void> {
  const t = await startTestApp({ config: { store: 'sqlite', dataDir } });
  await t.http().post('/patients').send({ patientId: 'P1', sex: 'male', birthDate: '1960-01-01', researchAuthorization: 'granted', treatmentHistory: 'documented' }).expect(201);
  for (const seenOn of ['2001-01-01', '2002-01-01', '2003-01-01', '2004-01-01', '2005-01-01']) {
    await t.http().post('/patients/P1/contacts').send({ seenOn }).expect(201);
  }
  await t.close();
}

/** An attacker with the file drops the immutability triggers first. */
function tamper(dataDir: string, sql: string): void {
  const db = new Database(join(dataDir, 'events.sqlite'));
  db.exec('DROP TRIGGER events_are_immutable; DROP TRIGGER events_are_never_deleted;');
  db.exec(sql);
  db.close();
}

async function verifyOverHttp(dataDir: string) {
  const t = await startTestApp({ config: { store: 'sqlite', dataDir } });
  const report = (await t.http().get('/audit/verify').expect(200)).body;
  await t.close();
  return report;
}

describe('tamper evidence (e2e)', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cc-tamper-'));
    await recordedLog(dataDir);
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('verifies an untouched log', async () => {
    const report = await verifyOverHttp(dataDir);
    expect(report).toMatchObject({ ok: true, checked: 6, headPosition: 6, firstBreak: null, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('names an edited event', async () => {
    tamper(dataDir, `UPDATE events SET data = '{"seenOn":"2002-06-01"}' WHERE position = 3`);
    expect((await verifyOverHttp(dataDir)).firstBreak).toMatchObject({ position: 3 });
  });

  it('names the event after a deleted one', async () => {
    tamper(dataDir, 'DELETE FROM events WHERE position = 4');
    const report = await verifyOverHttp(dataDir);
    expect(report).toMatchObject({ ok: false, firstBreak: { position: 5 } });
  });

  it('names the first of two swapped events', async () => {
    tamper(dataDir, `
      UPDATE events SET position = 100 WHERE position = 2;
      UPDATE events SET position = 2 WHERE position = 5;
      UPDATE events SET position = 5 WHERE position = 100;`);
    expect((await verifyOverHttp(dataDir)).firstBreak).toMatchObject({ position: 2 });
  });

  it('names an edited envelope field, through the CLI with a non-zero exit', () => {
    tamper(dataDir, `UPDATE events SET recorded_by = 'someone-else' WHERE position = 6`);
    const run = runCli(['verify'], { DATA_DIR: dataDir });
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, checked: 6, firstBreak: { position: 6 } });
    expect(run.stderr).toContain('BROKEN at position 6');
  });
});
