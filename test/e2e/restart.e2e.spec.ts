import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp } from '../support/testApp';

describe('restart on the embedded store (e2e)', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'cc-restart-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('finds every event after the app is closed and started again on the same data directory', async () => {
    const config = { store: 'sqlite' as const, dataDir };
    const first = await startTestApp({ config });
    await first.http().post('/patients').send({ patientId: 'P1', sex: 'male', birthDate: '1960-01-01', researchAuthorization: 'granted', treatmentHistory: 'documented' }).expect(201);
    for (const seenOn of ['2001-01-01', '2002-02-02', '2003-03-03']) await first.http().post('/patients/P1/contacts').send({ seenOn }).expect(201);
    const before = (await first.http().get('/patients/P1/events').expect(200)).body;
    await first.close();

    const second = await startTestApp({ config });
    const after = (await second.http().get('/patients/P1/events').expect(200)).body;
    expect(after).toEqual(before);
    expect(after.map((e: { revision: number }) => e.revision)).toEqual([0, 1, 2, 3]);
    await second.http().post('/patients/P1/contacts').set('If-Match', '3').send({ seenOn: '2004-04-04' }).expect(201);
    expect((await second.http().get('/patients?limit=10').expect(200)).body.items).toEqual([expect.objectContaining({ patientId: 'P1', revision: 4 })]);
    await second.close();
  });
});
