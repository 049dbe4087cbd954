/**
 * Graceful shutdown: on SIGTERM the server stops accepting, lets in-flight commands finish, closes the
 * store and exits; every acknowledged command is in the log and no request sees a 5xx.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/eventStore/sqlite.adapter';
import { startServer } from '../support/serverProcess';

describe('graceful shutdown (SIGTERM)', () => {
  let dataDir: string;
  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'cc-term-'))));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('finishes in-flight commands, closes the store and exits cleanly', async () => {
    const server = await startServer({ DATA_DIR: dataDir, AUTH: 'disabled' });
    const post = (path: string, body: object) =>
      fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('/patients', { patientId: 'T1', sex: 'male', birthDate: '1950-01-01', researchAuthorization: 'granted', treatmentHistory: 'documented' })).status).toBe(201);
    const statuses: number[] = [];
    const acknowledged: string[] = [];
    const burst = Array.from({ length: 40 }, (_, i) =>
      post('/patients/T1/contacts', { seenOn: `1990-01-${String((i % 28) + 1).padStart(2, '0')}`.replace(/^1990/, String(1990 + Math.floor(i / 28))) }).then(
        async (r) => {
          statuses.push(r.status);
          if (r.status === 201) acknowledged.push(...((await r.json()) as { eventIds: string[] }).eventIds);
        },
        () => statuses.push(-1), // refused after the server stopped accepting
      ),
    );
    await new Promise((r) => setTimeout(r, 5));
    server.child.kill('SIGTERM');
    await Promise.all(burst);
    const exit = await server.exited;
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
    // T1 is the only patient; its stream is named by an opaque key (src/erasure/patientStreams.ts)
    const ids = new Set((await store.readAll()).filter((e) => e.streamId.startsWith('patient-')).map((e) => e.eventId));
    await store.close();
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
    expect(ids.size).toBe(acknowledged.length + 1);
  }, 60_000);
});
