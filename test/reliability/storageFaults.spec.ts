/**
 * Storage faults: a full disk, a read-only data directory and a corrupted database file. Each time the
 * server answers 503 with a clear message, writes nothing half-way, keeps running, and recovers without
 * a restart once the fault is gone. Full and read-only disks are real: a small tmpfs mounted for the
 * test (this needs root, as CI has; elsewhere those two cases are skipped, saying why).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreUnavailableError } from '../../src/eventStore/eventStore.port';
import { SqliteEventStore } from '../../src/eventStore/sqlite.adapter';
import { newEvent } from '../contract/eventStore.contract';
import { startTestApp, type TestApp } from '../support/testApp';

const enrolment = { patientId: 'F1', sex: 'female', birthDate: '1950-01-01', researchAuthorization: 'granted', treatmentHistory: 'documented' };
const contact = (i: number) => ({ seenOn: new Date(Date.UTC(1970, 0, 1) + i * 86_400_000).toISOString().slice(0, 10) });

function tryMount(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function countEvents(t: TestApp): Promise<number> {
  return (await t.store.readStream(t.streamOf('F1'))).length;
}

describe('storage faults', () => {
  const mountPoint = mkdtempSync(join(tmpdir(), 'cc-fault-mnt-'));
  const mounted = tryMount(mountPoint);
  afterAll(() => {
    if (mounted) execFileSync('umount', ['-l', mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });
  // Mounting a tmpfs needs root; without it there is no honest way to fill or freeze a disk here.
  const onTmpfs = mounted ? it : it.skip;

  onTmpfs('a full disk answers 503, writes nothing, and writing resumes once space is freed', async () => {
    const t = await startTestApp({ config: { store: 'sqlite', dataDir: join(mountPoint, 'full') } });
    await t.http().post('/patients').send(enrolment).expect(201);
    writeFileSync(join(mountPoint, 'filler'), Buffer.alloc(1_500_000));
    let i = 0;
    let answer;
    do answer = await t.http().post('/patients/F1/contacts').send(contact(i++));
    while (answer.status === 201 && i < 5000);
    expect(answer.status).toBe(503);
    expect(answer.body.message).toMatch(/SQLITE_FULL/);
    rmSync(join(mountPoint, 'filler'));
    const before = await countEvents(t);
    expect(before).toBe(i); // the enrolment + every acknowledged contact, not the refused one
    await t.http().post('/patients/F1/contacts').send(contact(i)).expect(201);
    expect(await countEvents(t)).toBe(before + 1);
    await t.close();
  });

  onTmpfs('a full disk refuses every append of a group commit alike, and the next batch is written whole', async () => {
    const store = SqliteEventStore.inDirectory(join(mountPoint, 'batch'));
    await store.appendToStream('patient-0', [newEvent()], { expectedRevision: 'no_stream' });
    writeFileSync(join(mountPoint, 'filler'), Buffer.alloc(1_500_000));
    const big = () => newEvent('ContactRecorded', { note: 'x'.repeat(100_000) });
    const before = store.commitCount;
    const refused = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => store.appendToStream(`patient-${i + 1}`, [big()], { expectedRevision: 'no_stream' })));
    expect(store.commitCount).toBe(before); // nothing committed
    refused.forEach((r) => expect((r as PromiseRejectedResult).reason).toBeInstanceOf(StoreUnavailableError));
    expect((refused[0] as PromiseRejectedResult).reason.message).toMatch(/SQLITE_FULL/);
    expect(await store.headPosition()).toBe(1);
    rmSync(join(mountPoint, 'filler'));
    const written = await Promise.all(Array.from({ length: 8 }, (_, i) => store.appendToStream(`patient-${i + 1}`, [newEvent()], { expectedRevision: 'no_stream' })));
    expect(written.map((w) => w.position).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    await store.close();
  });

  onTmpfs('a read-only data directory answers 503 to writes and recovers when it is writable again', async () => {
    const dataDir = join(mountPoint, 'ro');
    const first = await startTestApp({ config: { store: 'sqlite', dataDir } });
    await first.http().post('/patients').send(enrolment).expect(201);
    await first.close();
    // Linux refuses to make a mount read-only while a file on it is open for writing, so the server
    // starts on the read-only directory (as after a remount by an operator or a failing disk).
    execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
    const t = await startTestApp({ config: { store: 'sqlite', dataDir } });
    try {
      const refused = await t.http().post('/patients/F1/contacts').send(contact(1));
      expect(refused.status).toBe(503);
      expect(refused.body.code).toBe('store_unavailable');
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', mountPoint]);
    }
    await t.http().post('/patients/F1/contacts').send(contact(2)).expect(201);
    expect(await countEvents(t)).toBe(2);
    await t.close();
  });

  it('a corrupted database file answers 503 from a running server, which recovers when the file is restored', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cc-corrupt-'));
    const file = join(dataDir, 'events.sqlite');
    const first = await startTestApp({ config: { store: 'sqlite', dataDir } });
    await first.http().post('/patients').send(enrolment).expect(201);
    await first.close();
    copyFileSync(file, join(dataDir, 'backup.sqlite'));
    writeFileSync(file, Buffer.from('this is not a database file '.repeat(200)));

    const t = await startTestApp({ config: { store: 'sqlite', dataDir } });
    const refused = await t.http().post('/patients/F1/contacts').send(contact(1));
    expect(refused.status).toBe(503);
    expect(refused.body.message).toMatch(/SQLITE_NOTADB/);
    expect(refused.headers['retry-after']).toBe('5');
    await t.http().get('/health').expect(503);

    copyFileSync(join(dataDir, 'backup.sqlite'), file);
    await t.http().post('/patients/F1/contacts').send(contact(1)).expect(201);
    expect(await countEvents(t)).toBe(2);
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
});
