import { MemoryEventStore } from '../eventStore/memory.adapter';
import type { BundleFiles } from './bundle.parse';
import { ImportBundleHandler } from './importBundle.handler';

const PATIENTS = 'patient_id,sex,birth_date,research_authorization,treatment_history\nP1,female,1950-01-01,granted,documented\nP2,male,1960-01-01,granted,documented\n';
const CONTACTS = 'patient_id,seen_on\nP1,2001-01-01\nP2,2001-01-02\nP2,2001-01-03\n';

describe('ImportBundleHandler summary', () => {
  afterEach(() => jest.restoreAllMocks());

  it('given a bundle whose reading takes 4 s, then the summary counts those 4 s in its seconds and rows/s', async () => {
    // A stopped monotonic clock that moves only while the bundle's files are being read, so the
    // import's only elapsed time is the reading: a summary that starts timing after it reports ~0 s.
    let now = 1_000;
    jest.spyOn(performance, 'now').mockImplementation(() => now);
    const files: BundleFiles = {};
    for (const [name, text] of Object.entries({ 'patients.csv': PATIENTS, 'contacts.csv': CONTACTS })) {
      let read = false;
      Object.defineProperty(files, name, {
        enumerable: true,
        get: () => {
          if (!read) now += 2_000; // the first read of each file: 2 s each
          read = true;
          return text;
        },
      });
    }
    const handler = new ImportBundleHandler(new MemoryEventStore(), { now: () => '2026-01-01T00:00:00.000Z' });

    const summary = await handler.execute({ files, recordedBy: 'test', onProgress: () => undefined });

    expect(summary.rows).toBe(5);
    expect(summary.eventsAppended).toBe(5);
    expect(summary.seconds).toBe(4);
    expect(summary.rowsPerSecond).toBe(1); // 5 rows / 4 s, rounded
  });
});
