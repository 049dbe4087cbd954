/**
 * Datasets at registry scale: on a generated log (default 100,000 patients x ~28 events, appended
 * through the store port; generated once and kept in <dataDir>), measures
 *  - a bare sequential read of the log through the store (the floor for any rebuild through it), and
 *    the floor below it: the columns a fold needs read as arrays, each payload parsed (logFloors.ts),
 *  - a full rebuild of the cohort read model into a new generation of <dataDir>'s catalog, made live
 *    (what `npm run cli -- rebuild` does),
 *  - the built server (dist/src/main.js, the embedded store) started on <dataDir>: its start, the
 *    latest datasets and historical datasets (knownAt at random instants, asOf at random dates) over
 *    HTTP, with the server's CPU per answer and its resident memory (VmRSS, and VmHWM: the peak),
 *  - folding the whole log for one of those cuts in this process, whose digest must be the server's.
 * One JSON line per measurement on stdout.
 *
 *   npm run build && node --expose-gc dist/bench/datasets.bench.js /tmp/cc-bench-100k [patients=100000] [queries=20]
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { emptyCohort, foldCohort, type LoggedPatientEvent } from '../projections/cohort.fold';
import { findDataset } from '../projections/dataset.registry';
import { CohortFollower } from '../src/datasets/cohort.follower';
import { datasetAnswer } from '../src/datasets/dataset.answer';
import { toLoggedPatientEvent } from '../src/datasets/loggedEvent';
import { SqliteReadModelCatalog } from '../src/datasets/readModel.catalog';
import { SqliteEventStore } from '../src/eventStore/sqlite.adapter';
import { fromEpochDay } from '../src/shared/dates';
import { startBenchServer, type BenchServer } from './benchServer';
import { generateLog } from './datasets.generate';
import { readFloor } from './logFloors';

const PAGE = 5000;
const report = (measure: string, values: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ measure, ...values })}\n`);
const seconds = (since: number) => +((performance.now() - since) / 1000).toFixed(3);
const megabytes = () => {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rssMb: Math.round(rss / 2 ** 20), heapMb: Math.round(heapUsed / 2 ** 20) };
};
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];

/** A small deterministic generator for the query parameters (the log has its own). */
function random(seed: number) {
  let a = seed;
  return () => ((a = (a * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

/** A full rebuild into a new generation of the catalog, made live, the older ones dropped (as `cli rebuild` does). */
async function rebuild(store: SqliteEventStore, dataDir: string, bareSeconds: number): Promise<void> {
  const catalog = new SqliteReadModelCatalog(dataDir);
  const generation = catalog.create();
  const started = performance.now();
  const follower = new CohortFollower(catalog.open(generation));
  await follower.readToHead(store);
  const rebuildSeconds = seconds(started);
  report('rebuild', { events: follower.position, seconds: rebuildSeconds, eventsPerSecond: Math.round(follower.position / rebuildSeconds), ratioToBareRead: +(rebuildSeconds / bareSeconds).toFixed(2), ...megabytes() });
  follower.storage.close();
  catalog.activate(generation).forEach((retired) => catalog.drop(retired));
  catalog.close();
}

/** One dataset answer from the server, read to its last byte: wall and server CPU seconds, rows and digest. */
async function getDataset(server: BenchServer, name: string, query: Record<string, string>) {
  const started = performance.now();
  const cpu = server.cpuSeconds();
  const response = await fetch(`${server.url}/datasets/${name}?${new URLSearchParams({ format: 'csv', ...query })}`);
  const text = await response.text();
  if (!response.ok) throw new Error(`GET /datasets/${name} answered ${response.status}: ${text.slice(0, 500)}`);
  return {
    seconds: seconds(started),
    cpuSeconds: +(server.cpuSeconds() - cpu).toFixed(2),
    rows: Number(response.headers.get('x-dataset-rows')),
    sha256: response.headers.get('x-dataset-sha256'),
    megabytes: +(text.length / 1e6).toFixed(1),
  };
}

async function main(): Promise<void> {
  const [dataDir = '/tmp/cc-bench-100k', patients = '100000', queries = '20'] = process.argv.slice(2);
  const fresh = !existsSync(join(dataDir, 'events.sqlite'));
  const store = SqliteEventStore.inDirectory(dataDir);
  if (fresh) {
    const started = performance.now();
    await generateLog(store, Number(patients), 2012, (round, head) => report('generate', { round, head, seconds: seconds(started) }));
  }
  const head = await store.headPosition();

  // The first read after other work may come from the disk, the rebuild's from the OS cache: read twice
  // and compare the rebuild with the warm read, the floor for any rebuild of a log the machine holds.
  let started = performance.now();
  let bareSeconds = 0;
  for (const run of ['cold', 'warm']) {
    started = performance.now();
    let read = 0;
    for (let after = 0; after < head; ) {
      const page = await store.readAll({ after, maxCount: PAGE });
      read += page.length;
      after = page[page.length - 1].position;
    }
    bareSeconds = seconds(started);
    report('bare read', { run, events: read, seconds: bareSeconds, eventsPerSecond: Math.round(read / bareSeconds) });
  }

  // below the store's read: the columns a fold needs, as arrays, each payload parsed (logFloors.ts)
  const least = readFloor(join(dataDir, 'events.sqlite'));
  report('read floor (the columns a fold needs, payloads parsed)', { ...least, microsecondsPerEvent: +((1e6 * least.seconds) / least.events).toFixed(2) });
  await rebuild(store, dataDir, bareSeconds);
  const size = (path: string) => Math.round(statSync(path).size / 2 ** 20);
  const readModelMb = readdirSync(join(dataDir, 'readmodels')).reduce((mb, file) => mb + size(join(dataDir, 'readmodels', file)), 0);
  report('files', { eventsMb: size(join(dataDir, 'events.sqlite')), readModelMb });

  // the server's own memory is what the issue asks about, so the datasets are answered by the server
  started = performance.now();
  const server = await startBenchServer({ DATA_DIR: dataDir, AUTH: 'disabled', EVENT_STORE: 'sqlite' });
  const memory = () => ({ rssMb: server.rssMb(), peakRssMb: server.peakRssMb() });
  try {
    report('restart (the server loads the generation)', { patients: Number(patients), seconds: seconds(started), ...memory() });
    for (const [name, run] of [['survival', 'first'], ['survival', 'again'], ['patients', 'again'], ['treatments', 'again']]) {
      const { sha256: _, ...answer } = await getDataset(server, name, {});
      report('latest dataset', { dataset: name, run, ...answer, ...memory() });
    }

    const rnd = random(7);
    const latencies: number[] = [];
    const cpuSeconds: number[] = [];
    const instants: string[] = [];
    for (let q = 0; q < Number(queries); q++) {
      const [at] = await store.readAll({ after: Math.floor(rnd() * head), maxCount: 1 });
      const asOf = fromEpochDay(9000 + Math.floor(rnd() * 7000));
      const answer = await getDataset(server, 'survival', { knownAt: at.recordedAt, asOf });
      latencies.push(answer.seconds);
      // CPU time (the server's threads, the collector's included) says what a query costs whatever else the machine runs
      cpuSeconds.push(answer.cpuSeconds);
      instants.push(at.recordedAt);
      report('historical survival (stamped records)', { knownAt: at.recordedAt, position: at.position, asOf, rows: answer.rows, seconds: answer.seconds, cpuSeconds: answer.cpuSeconds });
    }
    report('historical survival (stamped records) summary', {
      queries: latencies.length,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: Math.max(...latencies),
      cpuP50: percentile(cpuSeconds, 50),
      cpuP99: percentile(cpuSeconds, 99),
      ...memory(),
    });

    const cut = { knownAt: instants[0] };
    const served = await getDataset(server, 'survival', cut);
    started = performance.now();
    let cohort = emptyCohort();
    for (let after = 0; after < head; ) {
      const page = await store.readAll({ after, maxCount: PAGE });
      after = page[page.length - 1].position;
      cohort = foldCohort(cohort, page.map(toLoggedPatientEvent).filter((e): e is LoggedPatientEvent => e !== null), cut);
    }
    const answer = datasetAnswer(findDataset('survival')!, cohort, { name: 'survival', format: 'csv', knownAt: cut.knownAt }, head);
    report('historical survival (fold the whole log)', { knownAt: cut.knownAt, rows: answer.manifest.rows, seconds: seconds(started), sameDigestAsServer: answer.manifest.sha256 === served.sha256 });
  } finally {
    await server.stop();
    await store.close();
  }
}

void main();
