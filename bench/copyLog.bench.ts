/**
 * Copy rates of `copy` (src/eventStore/copyLog.ts) from SQLite to the in-process gRPC TEST DOUBLE of
 * EventStoreDB and back to a fresh SQLite file. The double is NOT EventStoreDB: it keeps its log in memory and
 * shares this process and its CPU with the client, so the figures show the cost of the copy, the adapter, the
 * client and gRPC, not of a real node's disk or network. The source log interleaves streams as a registry does:
 * runs of 10 events per patient, so the copy appends 10 events per call. Prints one JSON line per copy.
 *
 *   npm run build && node dist/bench/copyLog.bench.js [events=20000]
 *
 * Measured 2026-11-25 on the project machine (2 cores, shared: load average ~9 from other jobs), 20,000 events
 * (200 streams, runs of 10), three runs: SQLite -> test double 5,300-12,900 events/s; test double -> SQLite
 * 1,600-3,200 events/s (one SQLite transaction with synchronous=FULL per run of 10); a resume that finds
 * everything copied compares the two 20,000-event logs in 0.4-1.2 s.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyLog, type CopySummary } from '../src/eventStore/copyLog';
import type { NewEvent } from '../src/eventStore/eventStore.port';
import { EventStoreDbEventStore } from '../src/eventStore/eventstoredb.adapter';
import { SqliteEventStore } from '../src/eventStore/sqlite.adapter';
import { startEsdbTestServer } from '../test/support/esdbTestServer/esdbTestServer';

const total = Number(process.argv[2] ?? 20_000);
const PATIENTS = 200;
const RUN = 10;

const event = (i: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'ContactRecorded',
  schemaVersion: 1,
  data: { seenOn: '2001-01-01', i },
  recordedAt: new Date(Date.UTC(2012, 0, 1) + i * 1000).toISOString(),
  recordedBy: 'bench',
  correlationId: randomUUID(),
  causationId: null,
  metadata: {},
});

const sqlite = () => SqliteEventStore.inDirectory(mkdtempSync(join(tmpdir(), 'copy-bench-')));

function report(measure: string, s: CopySummary): void {
  console.log(JSON.stringify({ bench: 'copy, EventStoreDB side = in-process gRPC TEST DOUBLE', measure, events: s.copied, seconds: +s.seconds.toFixed(3), eventsPerSecond: s.eventsPerSecond }));
}

async function main(): Promise<void> {
  const source = sqlite();
  const revisions = new Map<string, number>();
  for (let written = 0; written < total; written += RUN) {
    const stream = `patient-bench-${(written / RUN) % PATIENTS}`;
    const events = Array.from({ length: Math.min(RUN, total - written) }, (_, i) => event(written + i));
    const result = await source.appendToStream(stream, events, { expectedRevision: revisions.get(stream) ?? 'no_stream' });
    revisions.set(stream, result.nextExpectedRevision);
  }
  const server = await startEsdbTestServer();
  const node = new EventStoreDbEventStore({ connectionString: server.url, streamPrefixes: ['patient-'] });
  const back = sqlite();
  try {
    report('SQLite -> EventStoreDB test double', await copyLog(source, node));
    report('EventStoreDB test double -> SQLite', await copyLog(node, back));
    report('resume with nothing left (reads and compares both logs)', await copyLog(source, back));
  } finally {
    await Promise.all([node.close(), source.close(), back.close()]);
    await server.stop();
  }
}

void main();
