/**
 * Dataset diffs at registry scale: on the generated 100,000-patient log (copied from the datasets
 * benchmark's folder when it exists, else generated), appends a later batch of corrections (the last contact
 * date of 1,000 patients) and retractions (the open course T4 of 100 of them) recorded a year after the
 * log, folds the read model, then times datasetDiff — the very function behind GET /datasets/:name/diff —
 * between knowledge times and positions before and after that batch. One JSON line per measurement.
 *
 *   npx tsc -p tsconfig.build.json --outDir /tmp/cc-audit-dist && \
 *   NODE_PATH=$PWD/node_modules node /tmp/cc-audit-dist/bench/audit.bench.js /tmp/cc-audit-bench [patients=100000]
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { datasetDiff } from '../src/audit/datasetDiff.handler';
import { CohortFollower } from '../src/datasets/cohort.follower';
import { cohortAtCut } from '../src/datasets/history.cut';
import { SqliteReadModelStorage } from '../src/datasets/readModel.sqlite';
import type { NewEvent } from '../src/eventStore/eventStore.port';
import { SqliteEventStore } from '../src/eventStore/sqlite.adapter';
import { patientStreamId } from '../src/patients/patient.events';
import type { KnowledgeCut } from '../projections/cohort.fold';
import { generateLog } from './datasets.generate';

const report = (measure: string, values: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ measure, ...values })}\n`);
const seconds = (since: number) => +((performance.now() - since) / 1000).toFixed(3);
const pad = (i: number) => `BENCH-${String(i).padStart(6, '0')}`;
const LATER = Date.parse('2016-01-01T00:00:00Z');

/** The later batch: ids as datasets.generate.ts makes them (round 2 = contacts, round 1 event 9 = T4 started). */
async function appendLaterBatch(store: SqliteEventStore, patients: number): Promise<void> {
  const step = Math.floor(patients / 1000);
  for (let n = 0; n < 1000; n++) {
    const i = 1 + n * step;
    const event = (type: string, data: unknown, k: number): NewEvent => ({
      eventId: `${pad(i)}-audit-${k}`, type, schemaVersion: 1, data, recordedAt: new Date(LATER + 1000 * n).toISOString(),
      recordedBy: 'bench-auditor', correlationId: 'audit-bench', causationId: null, metadata: {},
    });
    const events = [event('EntryCorrected', { eventId: `${pad(i)}-2-11`, changes: { seenOn: '2013-10-01' }, reason: 'last contact date misread' }, 0)];
    if (n % 10 === 0) events.push(event('EntryRetracted', { eventId: `${pad(i)}-1-9`, reason: 'course entered twice' }, 1));
    await store.appendToStream(patientStreamId(pad(i)), events, { expectedRevision: 'any' });
  }
}

async function main(): Promise<void> {
  const [dataDir = '/tmp/cc-audit-bench', patients = '100000'] = process.argv.slice(2);
  mkdirSync(dataDir, { recursive: true });
  const eventsFile = join(dataDir, 'events.sqlite');
  const marker = join(dataDir, 'later-batch-appended');
  if (!existsSync(eventsFile) && existsSync('/tmp/cc-bench-100k/events.sqlite') && patients === '100000') copyFileSync('/tmp/cc-bench-100k/events.sqlite', eventsFile);
  const store = SqliteEventStore.inDirectory(dataDir);
  if ((await store.headPosition()) === 0) await generateLog(store, Number(patients), 2012, (round, head) => report('generate', { round, head }));
  let started = performance.now();
  if (!existsSync(marker)) {
    writeFileSync(marker, String(await store.headPosition()));
    await appendLaterBatch(store, Number(patients));
  }
  const baseHead = Number(readFileSync(marker, 'utf8'));
  const head = await store.headPosition();
  report('log', { baseHead, head, laterEvents: head - baseHead, seconds: seconds(started) });

  started = performance.now();
  const follower = new CohortFollower(new SqliteReadModelStorage(join(dataDir, 'audit-generation.sqlite'), 1));
  await follower.readToHead(store);
  report('read model folded (rebuild or restart + catch-up)', { patients: follower.records.size, position: follower.position, seconds: seconds(started) });

  const atCut = async (cut: KnowledgeCut) => cohortAtCut(cut, { records: follower.records, marks: follower.marks, position: follower.position });
  const cases: [string, KnowledgeCut, KnowledgeCut][] = [
    ['knownAt', { knownAt: '2015-12-31T00:00:00Z' }, { knownAt: '2016-01-02T00:00:00Z' }],
    ['positions', { atPosition: baseHead }, { atPosition: head }],
    ['knownAt, reversed', { knownAt: '2016-01-02T00:00:00Z' }, { knownAt: '2015-12-31T00:00:00Z' }],
  ];
  for (const name of ['survival', 'treatments', 'follow-up']) {
    for (const [kind, from, to] of cases) {
      started = performance.now();
      const diff = await datasetDiff(store, atCut, { name, from, to });
      const events = new Set([...diff.changed, ...diff.added, ...diff.removed].flatMap((d) => d.events.map((e) => e.eventId))).size;
      report('diff', { dataset: name, cuts: kind, patientsCompared: diff.patientsCompared, ...diff.counts, explainingEvents: events, seconds: seconds(started) });
    }
  }
  follower.storage.close();
  await store.close();
}

void main();
