// e2e through the real HTTP app: POST /imports (CSV files and zip), re-import of a later export of the
// same registry, GET /exports/bundle, POST /demo. Reference rows: the CSV files of the mayo bundle.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { StoredEvent } from '../../src/eventStore/eventStore.port';
import { readBundleFolder } from '../../src/import/bundle.source';
import { startTestApp, type TestApp } from '../support/testApp';
import { rowSet } from '../support/bundleRows';
import { MAYO_DIR } from '../support/mayo';

const MAYO = MAYO_DIR;

const patientEvents = async (t: TestApp): Promise<StoredEvent[]> => (await t.store.readAll()).filter((e) => e.streamId.startsWith('patient-'));

function upload(t: TestApp, files: Record<string, string>) {
  const request = t.http().post('/imports');
  for (const [name, text] of Object.entries(files)) request.attach('files', Buffer.from(text), name);
  return request;
}

const zipOf = (files: Record<string, string>, folder = '') => Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([n, t]) => [`${folder}${n}`, strToU8(t)]))));

/** supertest parser that keeps a binary body (the zip) as a Buffer. */
function binary(res: unknown, done: (error: Error | null, body: Buffer) => void) {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('import and export over HTTP (e2e)', () => {
  let t: TestApp;
  const source = readBundleFolder(MAYO);
  beforeEach(async () => (t = await startTestApp()));
  afterEach(() => t.close());

  it('given the mayo CSV files, when posted, then every row is appended under one import id, and again appends nothing', async () => {
    const first = await upload(t, source).expect(201);

    // 81 + 162 + 167 + 272 + 97 + 1004 + 8 = 1791 data rows (wc -l); 214 courses also have a stop
    expect(first.body).toMatchObject({ rows: 1791, patients: 81, unchanged: 0, eventsAppended: 2005, facts: 2005, corrections: 0, retractions: 0 });
    expect(first.body.bundleSha256).toMatch(/^[0-9a-f]{64}$/);
    const events = await patientEvents(t);
    expect(events).toHaveLength(2005);
    expect(new Set(events.map((e) => e.correlationId))).toEqual(new Set([first.body.importId]));
    expect(events.every((e) => e.metadata.bundleSha256 === first.body.bundleSha256 && e.recordedBy === 'dev-mode')).toBe(true);

    const again = await t.http().post('/imports').attach('files', zipOf(source, 'mayo-2012/'), 'mayo.zip').expect(201);

    expect(again.body).toMatchObject({ patients: 81, unchanged: 81, eventsAppended: 0, bundleSha256: first.body.bundleSha256 });
    expect(await patientEvents(t)).toHaveLength(2005);
  });

  it('given a later export with a changed, a removed and a new row, then one correction, one retraction, one new fact with the reason', async () => {
    await upload(t, source).expect(201);
    const lesions = source['lesions.csv'].replace('MCC-9182,L1,hands_feet,1990-12-25,no,no', 'MCC-9182,L1,trunk,1990-12-25,no,no');
    const contacts = source['contacts.csv'].replace('MCC-8632,1990-06-27\n', '').replace('MCC-8632,1990-10-21\n', 'MCC-8632,1990-10-21\nMCC-8632,1990-11-02\n');
    const later = { ...source, 'lesions.csv': lesions, 'contacts.csv': contacts };

    const res = await upload(t, later).expect(201);

    expect(res.body).toMatchObject({ patients: 81, unchanged: 79, eventsAppended: 3, facts: 1, corrections: 1, retractions: 1 });
    const appended = (await patientEvents(t)).slice(2005);
    expect(appended.map((e) => [e.streamId, e.type])).toEqual(
      expect.arrayContaining([
        [t.streamOf('MCC-9182'), 'EntryCorrected'],
        [t.streamOf('MCC-8632'), 'EntryRetracted'],
        [t.streamOf('MCC-8632'), 'ContactRecorded'],
      ]),
    );
    const corrected = appended.find((e) => e.type === 'EntryCorrected')!;
    expect(corrected.data).toMatchObject({ changes: { site: 'trunk' }, reason: `import ${res.body.bundleSha256}` });
  });

  it('given an imported bundle, when exported, then the zip holds the same rows; as of a date only the facts dated by then', async () => {
    const imported = await upload(t, source).expect(201);
    const minPosition = imported.body.position;

    const res = await t.http().get(`/exports/bundle?minPosition=${minPosition}`).buffer(true).parse(binary).expect(200).expect('Content-Type', 'application/zip');
    const files = Object.fromEntries(Object.entries(unzipSync(new Uint8Array(res.body))).map(([n, b]) => [n, strFromU8(b)]));
    expect(Object.keys(files).sort()).toEqual(Object.keys(source).sort());
    for (const name of Object.keys(source)) expect(rowSet(files[name])).toEqual(rowSet(source[name]));

    const asOf = await t.http().get(`/exports/bundle?asOf=2000-01-01&minPosition=${minPosition}`).buffer(true).parse(binary).expect(200);
    const contacts = strFromU8(unzipSync(new Uint8Array(asOf.body))['contacts.csv']);
    const expected = source['contacts.csv'].trim().split('\n').slice(1).filter((line) => line.split(',')[1] <= '2000-01-01');
    expect(rowSet(contacts)).toEqual(rowSet(['patient_id,seen_on', ...expected].join('\n')));
  });

  it('given a bad cut-off, then 400 names it', async () => {
    const res = await t.http().get('/exports/bundle?asOf=2000-02-30&knownAt=yesterday').expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['asOf', 'knownAt']);
  });

  it('given POST /demo twice, then the synthetic cohort is loaded once', async () => {
    const first = await t.http().post('/demo').expect(201);
    const second = await t.http().post('/demo').expect(201);

    expect([first.body.eventsAppended, second.body.eventsAppended, second.body.unchanged]).toEqual([2005, 0, 81]);
  });

  it('given a bundle with a problem, then 400 lists it with file, line and column and nothing is written', async () => {
    const broken = { ...source, 'lesions.csv': source['lesions.csv'].replace('MCC-9182,L2,extremity', 'MCC-9182,L2,elbow') };

    const res = await upload(t, broken).expect(400);

    expect(res.body.details).toEqual([
      { field: 'lesions.csv:3:site', file: 'lesions.csv', line: 3, column: 'site', reason: 'must be one of hands_feet, extremity, trunk, head' },
    ]);
    expect(await patientEvents(t)).toEqual([]);
  });
});
