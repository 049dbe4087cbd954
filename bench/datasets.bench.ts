/**
 * Datasets at registry scale: on a generated log (default 100,000 patients x ~28 events, appended
 * through the store port; generated once and kept in <dataDir>), measures
 *  - a bare sequential read of the log (the floor for any rebuild),
 *  - a full rebuild of the cohort read model into a fresh SQLite generation, and a restart from it,
 *  - the latest dataset, and historical datasets (knownAt at random instants, asOf at random dates)
 *    answered from the segment snapshots, against folding the whole log for the same cut.
 * One JSON line per measurement on stdout.
 *
 *   npm run build && node --expose-gc dist/bench/datasets.bench.js /tmp/cc-bench-100k [patients=100000] [queries=20]
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { emptyCohort, foldCohort, type KnowledgeCut, type LoggedPatientEvent } from '../projections/cohort.fold';
import { findDataset } from '../projections/dataset.registry';
import { CohortFollower } from '../src/datasets/cohort.follower';
import { datasetAnswer } from '../src/datasets/dataset.answer';
import { cohortAtCut } from '../src/datasets/history.cut';
import { toLoggedPatientEvent } from '../src/datasets/loggedEvent';
import { SqliteReadModelStorage } from '../src/datasets/readModel.sqlite';
import { SqliteEventStore } from '../src/eventStore/sqlite.adapter';
import { fromEpochDay } from '../src/shared/dates';
import { generateLog } from './datasets.generate';

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

/** A full rebuild into a fresh generation file; its in-memory state is let go before the restart. */
async function rebuild(store: SqliteEventStore, file: string, bareSeconds: number): Promise<void> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  const started = performance.now();
  const follower = new CohortFollower(new SqliteReadModelStorage(file, 1));
  await follower.readToHead(store);
  const rebuildSeconds = seconds(started);
  report('rebuild', { events: follower.position, seconds: rebuildSeconds, eventsPerSecond: Math.round(follower.position / rebuildSeconds), ratioToBareRead: +(rebuildSeconds / bareSeconds).toFixed(2), ...megabytes() });
  follower.storage.close();
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

  const file = join(dataDir, 'bench-generation.sqlite');
  await rebuild(store, file, bareSeconds);
  const size = (path: string) => Math.round(statSync(path).size / 2 ** 20);
  report('files', { eventsMb: size(join(dataDir, 'events.sqlite')), readModelMb: size(file) });

  started = performance.now();
  const live = new CohortFollower(new SqliteReadModelStorage(file, 1));
  report('restart (load the generation)', { patients: live.records.size, seconds: seconds(started), ...megabytes() });

  // the first query derives every patient's facts once; later ones reuse them for unchanged records
  for (const [name, run] of [['survival', 'first'], ['survival', 'again'], ['patients', 'again'], ['treatments', 'again']]) {
    started = performance.now();
    const answer = datasetAnswer(findDataset(name)!, live.state, { name, format: 'csv' }, head);
    report('latest dataset', { dataset: name, run, rows: answer.manifest.rows, seconds: seconds(started), ...megabytes() });
  }

  const rnd = random(7);
  const latencies: number[] = [];
  const cpuSeconds: number[] = [];
  let peakRssMb = 0;
  const instants: string[] = [];
  for (let q = 0; q < Number(queries); q++) {
    const [at] = await store.readAll({ after: Math.floor(rnd() * head), maxCount: 1 });
    const cut: KnowledgeCut = { knownAt: at.recordedAt };
    const asOf = fromEpochDay(9000 + Math.floor(rnd() * 7000));
    started = performance.now();
    const cpu = process.cpuUsage();
    const state = cohortAtCut(cut, { records: live.records, marks: live.marks, position: live.position });
    const answer = datasetAnswer(findDataset('survival')!, state, { name: 'survival', format: 'csv', asOf, knownAt: cut.knownAt }, head);
    latencies.push(seconds(started));
    // CPU time (this thread and the collector's) says what a query costs whatever else the machine runs
    const { user, system } = process.cpuUsage(cpu);
    cpuSeconds.push(+((user + system) / 1e6).toFixed(3));
    peakRssMb = Math.max(peakRssMb, Math.round(process.memoryUsage().rss / 2 ** 20));
    instants.push(at.recordedAt);
    report('historical survival (stamped records)', { knownAt: cut.knownAt, position: at.position, asOf, rows: answer.manifest.rows, eventsFolded: answer.manifest.eventsFolded, seconds: latencies.at(-1), cpuSeconds: cpuSeconds.at(-1) });
  }
  report('historical survival (stamped records) summary', {
    queries: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: Math.max(...latencies),
    cpuP50: percentile(cpuSeconds, 50),
    cpuP99: percentile(cpuSeconds, 99),
    peakRssMb,
  });

  started = performance.now();
  let cohort = emptyCohort();
  const cut = { knownAt: instants[0] };
  for (let after = 0; after < head; ) {
    const page = await store.readAll({ after, maxCount: PAGE });
    after = page[page.length - 1].position;
    cohort = foldCohort(cohort, page.map(toLoggedPatientEvent).filter((e): e is LoggedPatientEvent => e !== null), cut);
  }
  const answer = datasetAnswer(findDataset('survival')!, cohort, { name: 'survival', format: 'csv', knownAt: cut.knownAt }, head);
  report('historical survival (fold the whole log)', { knownAt: cut.knownAt, rows: answer.manifest.rows, seconds: seconds(started) });
  live.storage.close();
  await store.close();
}

void main();
