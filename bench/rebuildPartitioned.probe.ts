/**
 * A probe, not a scenario of `npm run bench`: how fast could a rebuild go if it used both cores? The
 * log is read and folded (CohortFollower into memory storage: no records encoded, no generation
 * written) once by one thread, then by two threads at once, each taking the streams of one half
 * (by the last character of the stream id) and reading every row of the log through SQLite but
 * materialising only its own. The read model's folds are per patient, so the halves are independent:
 * the two-thread wall time is a best case for a partitioned rebuild before its generation is written.
 *
 *   npm run build && node dist/bench/rebuildPartitioned.probe.js /tmp/cc-bench-100k/events.sqlite [rounds=2]
 */
import Database from 'better-sqlite3';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { CohortFollower } from '../src/datasets/cohort.follower';
import { MemoryReadModelStorage } from '../src/datasets/readModel.storage';
import type { EventStore } from '../src/eventStore/eventStore.port';
import { COLUMNS, toEvent, type Row } from '../src/eventStore/sqlite.connection';

interface Half {
  file: string;
  part: number;
  parts: number;
}

interface Folded {
  events: number;
  seconds: number;
  readSeconds: number;
}

/** The CLI's young generation (package.json `cli`), which a worker takes as a resource limit. */
const YOUNG_GENERATION_MB = 3 * 64;

function foldInThreads(file: string, parts: number): Promise<{ wallSeconds: number; threads: Folded[] }> {
  const started = performance.now();
  const threads = Array.from({ length: parts }, (_, part) =>
    new Promise<Folded>((resolve, reject) => {
      const worker = new Worker(__filename, { workerData: { file, part, parts } satisfies Half, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      worker.once('message', resolve).once('error', reject);
    }),
  );
  return Promise.all(threads).then((folded) => ({ wallSeconds: (performance.now() - started) / 1000, threads: folded }));
}

async function foldHalf({ file, part, parts }: Half): Promise<Folded> {
  const db = new Database(file, { readonly: true });
  const half = parts > 1 ? `AND (unicode(substr(stream_id, -1)) % ${parts}) = ${part}` : '';
  const page = db.prepare(`SELECT ${COLUMNS} FROM events WHERE position > ? ${half} ORDER BY position LIMIT ?`).raw();
  const head = db.prepare('SELECT COALESCE(MAX(position), 0) FROM events').pluck().get() as number;
  let events = 0;
  let readSeconds = 0;
  const store = {
    headPosition: async () => head,
    readAll: async ({ after = 0, maxCount = -1 } = {}) => {
      const started = performance.now();
      const read = (page.all(after, maxCount) as Row[]).map(toEvent);
      readSeconds += (performance.now() - started) / 1000;
      events += read.length;
      return read;
    },
  } as unknown as EventStore;
  const started = performance.now();
  await new CohortFollower(new MemoryReadModelStorage(1)).readToHead(store);
  db.close();
  return { events, seconds: (performance.now() - started) / 1000, readSeconds };
}

async function main(): Promise<void> {
  const file = process.argv[2] ?? '/tmp/cc-bench-100k/events.sqlite';
  const rounds = Number(process.argv[3] ?? 2);
  for (let round = 0; round < rounds; round++) {
    for (const parts of [1, 2]) {
      const { wallSeconds, threads } = await foldInThreads(file, parts);
      const events = threads.reduce((n, t) => n + t.events, 0);
      process.stdout.write(`${JSON.stringify({ probe: 'read and fold, no generation written', threads: parts, events, wallSeconds: +wallSeconds.toFixed(2), eventsPerSecond: Math.round(events / wallSeconds), perThread: threads.map((t) => ({ events: t.events, seconds: +t.seconds.toFixed(2), readSeconds: +t.readSeconds.toFixed(2) })) })}\n`);
    }
  }
}

if (isMainThread) void main();
else void foldHalf(workerData as Half).then((folded) => parentPort!.postMessage(folded));
