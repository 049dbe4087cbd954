/**
 * EventStoreDB adapter rates against the in-process gRPC TEST DOUBLE of EventStoreDB (not a real node: the
 * double keeps its log in memory and shares this process and its CPU with the client, so the figures show
 * the cost of the adapter, the client and gRPC, not of EventStoreDB's disk). Prints one JSON line per run:
 * - append: one command's events per call (1 event, the common case) and imports' batches (100 events),
 *   each call with its exact expected revision, sequential, as the command loop does;
 * - read all: readAll pages from position 0 to the head (what a rebuild reads);
 * - catch-up: a `$all` subscription from 0 until it has delivered every event (how read models rebuild).
 *
 *   npm run build && node dist/bench/eventstoredb.bench.js [events=20000]
 *
 * Measured 2026-11-25 on the project machine (2 cores, shared: load average 7-10 from other jobs), 20,000
 * events per append run, three runs: append 1 event/call 1,600-3,200 events/s; 100 events/call
 * 7,400-25,000 events/s; read all 4,600-12,800 events/s; catch-up subscription 5,000-11,900 events/s.
 */
import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../src/eventStore/eventStore.port';
import { EventStoreDbEventStore } from '../src/eventStore/eventstoredb.adapter';
import { startEsdbTestServer } from '../test/support/esdbTestServer/esdbTestServer';

const total = Number(process.argv[2] ?? 20_000);
const PATIENTS = 200;

const event = (i: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'ContactRecorded',
  schemaVersion: 1,
  data: { seenOn: '2001-01-01', i },
  recordedAt: new Date().toISOString(),
  recordedBy: 'bench',
  correlationId: randomUUID(),
  causationId: null,
  metadata: {},
});

function report(measure: string, events: number, startedAt: number, extra: Record<string, unknown> = {}): void {
  const seconds = (performance.now() - startedAt) / 1000;
  const line = { bench: 'eventstoredb adapter on the in-process gRPC TEST DOUBLE', measure, events, seconds: +seconds.toFixed(3) };
  console.log(JSON.stringify({ ...line, eventsPerSecond: Math.round(events / seconds), ...extra }));
}

async function appendRun(store: EventStoreDbEventStore, perCall: number, prefix: string): Promise<void> {
  const revisions = new Map<string, number>();
  const startedAt = performance.now();
  for (let written = 0; written < total; written += perCall) {
    const stream = `patient-${prefix}${(written / perCall) % PATIENTS}`;
    const expected = revisions.get(stream) ?? 'no_stream';
    const events = Array.from({ length: Math.min(perCall, total - written) }, (_, i) => event(written + i));
    revisions.set(stream, (await store.appendToStream(stream, events, { expectedRevision: expected })).nextExpectedRevision);
  }
  report('append', total, startedAt, { eventsPerCall: perCall });
}

async function main(): Promise<void> {
  const server = await startEsdbTestServer();
  const store = new EventStoreDbEventStore({ connectionString: server.url, streamPrefixes: ['patient-'] });
  try {
    await appendRun(store, 1, 'single-');
    await appendRun(store, 100, 'batch-');
    const inLog = 2 * total;

    let startedAt = performance.now();
    let read = 0;
    for (let after = 0; ; ) {
      const page = await store.readAll({ after, maxCount: 5000 });
      read += page.length;
      if (page.length < 5000) break;
      after = page[page.length - 1].position;
    }
    report('read all ($all pages of 5000)', read, startedAt);

    startedAt = performance.now();
    await new Promise<void>((resolve) => {
      let seen = 0;
      const subscription = store.subscribeToAll(0, () => {
        if (++seen === inLog) void subscription.close().then(resolve);
      });
    });
    report('catch-up subscription from 0', inLog, startedAt);
  } finally {
    await store.close();
    await server.stop();
  }
}

void main();
