/** The CLI twins of the audit endpoints (diff, reproduce, audit-trail), the built program on a SQLite data directory. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { SqliteEventStore } from '../../src/eventStore/sqlite.adapter';
import type { PatientCommand } from '../../src/patients/patient.commands';
import { patientStream } from '../../src/patients/patient.stream';
import { handleCommand } from '../../src/shared/handleCommand';
import { runCli } from '../support/cli';
import { appendMayo } from '../support/mayo';

describe('audit CLI (e2e)', () => {
  let dataDir: string;
  let mayoHead: number;
  let head: number;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cc-audit-cli-'));
    const store = SqliteEventStore.inDirectory(dataDir);
    await appendMayo(store);
    mayoHead = await store.headPosition();
    const death = (await store.readStream('patient-MCC-9182')).find((e) => e.type === 'DeathRecorded')!;
    const now = '2013-02-01T08:00:00.000Z';
    const command = { type: 'CorrectEntry', data: { eventId: death.eventId, changes: { diedOn: '2010-05-28' }, reason: 'death certificate says 28 May' }, metadata: { now, recordedBy: 'auditor-test' } } as PatientCommand;
    await handleCommand({ store, newId: randomUUID }, patientStream, 'patient-MCC-9182', [command], { recordedAt: now, recordedBy: 'auditor-test', correlationId: 'c-audit', causationId: null });
    head = await store.headPosition();
    await store.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const cli = (...args: string[]) => runCli(args, { DATA_DIR: dataDir });

  it('diff names the corrected cells and the correction with its reason, by position and by knownAt', () => {
    for (const [from, to] of [[String(mayoHead), String(head)], ['2012-06-01T00:00:00Z', '2013-06-01T00:00:00Z']]) {
      const run = cli('diff', 'survival', '--from', from, '--to', to, '--json');
      expect(run.status).toBe(0);
      const diff = JSON.parse(run.stdout);
      expect(diff.counts).toEqual({ added: 0, removed: 0, changed: 1 });
      expect(diff.changed[0].key).toEqual({ patient_id: 'MCC-9182' });
      expect(diff.changed[0].events).toEqual([expect.objectContaining({ type: 'EntryCorrected', recordedBy: 'auditor-test', reason: 'death certificate says 28 May' })]);
    }
    const text = cli('diff', 'survival', '--from', String(mayoHead), '--to', String(head));
    expect(text.stdout).toContain('~ patient_id=MCC-9182');
    expect(text.stdout).toMatch(/time_days: \d+ -> \d+/);
    expect(cli('diff', 'survival', '--from', 'soon', '--to', '1').stderr).toContain('from: must be an ISO 8601 instant');
  });

  it('reproduce says identical for a fresh manifest (exit 0) and different for a tampered one (exit 2)', () => {
    const answer = JSON.parse(cli('dataset', 'survival', '--format', 'json').stdout);
    const file = join(dataDir, 'manifest.json');
    writeFileSync(file, JSON.stringify(answer.manifest));
    const same = cli('reproduce', file);
    expect([same.status, JSON.parse(same.stdout).identical, JSON.parse(same.stdout).actualSha256]).toEqual([0, true, answer.manifest.sha256]);
    writeFileSync(file, JSON.stringify({ ...answer.manifest, sha256: 'f'.repeat(64) }));
    const tampered = cli('reproduce', file);
    expect([tampered.status, JSON.parse(tampered.stdout).identical]).toEqual([2, false]);
  });

  it('audit-trail writes every event of the log, the correction with its values before -> after', () => {
    const rows: string[][] = parse(cli('audit-trail').stdout);
    expect(rows).toHaveLength(head + 1);
    const last = rows[rows.length - 1];
    expect([last[0], last[4], last[6], last[10], last[11]]).toEqual([String(head), 'EntryCorrected', 'auditor-test', 'death certificate says 28 May', 'diedOn: "2010-05-21" -> "2010-05-28"']);
    const jsonl = cli('audit-trail', '--patient', 'MCC-9182', '--format', 'jsonl').stdout.trim().split('\n');
    expect(JSON.parse(jsonl[jsonl.length - 1]).changes).toEqual([{ field: 'diedOn', before: '2010-05-21', after: '2010-05-28' }]);
  });
});
