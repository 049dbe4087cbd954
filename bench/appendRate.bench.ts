/**
 * The store's raw append rate against a bare better-sqlite3 insert loop of the same rows. Both write
 * to a fresh file with the store's own schema and pragmas (openConnection: WAL, synchronous=FULL), in
 * transactions of the same size. The bare loop inserts rows prepared beforehand (payload already JSON,
 * hash already computed), so the ratio is what the store's append path adds: expected-revision check,
 * idempotency look-up, JSON, the hash chain, savepoints and promises.
 *   - batch 1 / batch 100: sequential appends of 1 or 100 events (one transaction each);
 *   - concurrent singles: many one-event appends in flight at once, which group commit puts into
 *     shared transactions; compared with the bare loop committing one row at a time, as an append
 *     path without group commit must.
 * One JSON line per measurement; `ratio` = bare rows/s over store rows/s (1 = as fast as bare).
 *
 *   npm run build && node dist/bench/appendRate.bench.js [rowsBatch1=5000] [rowsBatch100=100000] [rowsConcurrent=20000]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '../src/eventStore/eventStore.port';
import { GENESIS_HASH, eventHash } from '../src/eventStore/hashChain';
import { openConnection } from '../src/eventStore/sqlite.connection';
import { SqliteEventStore } from '../src/eventStore/sqlite.adapter';

const IN_FLIGHT = 64;
const report = (values: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ bench: 'append rate', ...values })}\n`);

/** `count` contact events spread over streams of `perStream` events, in append order. */
function eventsFor(count: number, perStream: number): { streamId: string; revision: number; event: NewEvent }[] {
  return Array.from({ length: count }, (_, i) => ({
    streamId: `patient-B${Math.floor(i / perStream)}`,
    revision: i % perStream,
    event: {
      eventId: randomUUID(),
      type: 'ContactRecorded',
      schemaVersion: 1,
      data: { seenOn: new Date(Date.UTC(1990, 0, 1) + (i % perStream) * 86_400_000).toISOString().slice(0, 10) },
      recordedAt: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
      recordedBy: 'bench',
      correlationId: randomUUID(),
      causationId: null,
      metadata: {},
    },
  }));
}

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'cc-bench-append-'));
}

/** The floor: the same rows, prepared beforehand, inserted with one prepared statement. */
function bare(rows: ReturnType<typeof eventsFor>, batch: number): number {
  const dir = freshDir();
  const { db } = openConnection(join(dir, 'events.sqlite'));
  let hash = GENESIS_HASH;
  const prepared = rows.map(({ streamId, revision, event }) => {
    hash = eventHash(hash, { ...event, streamId, revision });
    return { ...event, streamId, revision, data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata), hash };
  });
  const insert = db.prepare(
    `INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, recorded_at, recorded_by, correlation_id, causation_id, metadata, hash)
     VALUES (@eventId, @streamId, @revision, @type, @schemaVersion, @data, @recordedAt, @recordedBy, @correlationId, @causationId, @metadata, @hash)`,
  );
  const commit = db.transaction((slice: typeof prepared) => slice.forEach((row) => insert.run(row)));
  const started = performance.now();
  for (let i = 0; i < prepared.length; i += batch) commit(prepared.slice(i, i + batch));
  const seconds = (performance.now() - started) / 1000;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return seconds;
}

/** Sequential appends of `batch` events to streams of `batch` events each. */
async function store(rows: ReturnType<typeof eventsFor>, batch: number): Promise<{ seconds: number; commits: number }> {
  const dir = freshDir();
  const eventStore = SqliteEventStore.inDirectory(dir);
  const started = performance.now();
  for (let i = 0; i < rows.length; i += batch) {
    const slice = rows.slice(i, i + batch);
    await eventStore.appendToStream(slice[0].streamId, slice.map((r) => r.event), { expectedRevision: slice[0].revision === 0 ? 'no_stream' : slice[0].revision - 1 });
  }
  const seconds = (performance.now() - started) / 1000;
  const commits = eventStore.commitCount;
  await eventStore.close();
  rmSync(dir, { recursive: true, force: true });
  return { seconds, commits };
}

/**
 * IN_FLIGHT clients, each appending one event at a time to a stream of its own. `rows` holds client
 * c's events at [c * perClient, (c + 1) * perClient).
 */
async function storeConcurrent(rows: ReturnType<typeof eventsFor>, perClient: number): Promise<{ seconds: number; commits: number }> {
  const dir = freshDir();
  const eventStore = SqliteEventStore.inDirectory(dir);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async (_, c) => {
      for (const { streamId, revision, event } of rows.slice(c * perClient, (c + 1) * perClient)) {
        await eventStore.appendToStream(streamId, [event], { expectedRevision: revision === 0 ? 'no_stream' : revision - 1 });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const commits = eventStore.commitCount;
  await eventStore.close();
  rmSync(dir, { recursive: true, force: true });
  return { seconds, commits };
}

async function main(): Promise<void> {
  const [batch1 = 5000, batch100 = 100_000, concurrent = 20_000] = process.argv.slice(2).map(Number);
  const bareRates = new Map<number, number>();
  for (const [batch, count] of [[1, batch1], [100, batch100]]) {
    const rows = eventsFor(count, batch);
    const bareRate = Math.round(count / bare(rows, batch));
    bareRates.set(batch, bareRate);
    const { seconds, commits } = await store(rows, batch);
    const storeRate = Math.round(count / seconds);
    report({ measure: `batch ${batch}`, rows: count, rowsPerCommit: +(count / commits).toFixed(1), storeRowsPerSecond: storeRate, bareRowsPerSecond: bareRate, ratio: +(bareRate / storeRate).toFixed(2) });
  }
  const perClient = Math.ceil(concurrent / IN_FLIGHT);
  const rows = perClient * IN_FLIGHT;
  const clientRows = eventsFor(rows, perClient);
  const { seconds, commits } = await storeConcurrent(clientRows, perClient);
  const storeRate = Math.round(rows / seconds);
  // The bare loop gets the rows in the order the store wrote them (each client's next event in turn,
  // so a transaction touches IN_FLIGHT streams, as the store's did) and transactions of the size the
  // group commits had; the bare batch-1 rate (above) is the best an append path without group commit can do.
  const inLogOrder = Array.from({ length: rows }, (_, i) => clientRows[(i % IN_FLIGHT) * perClient + Math.floor(i / IN_FLIGHT)]);
  const grouped = Math.max(1, Math.round(rows / commits));
  const bareGrouped = Math.round(rows / bare(inLogOrder, grouped));
  report({
    measure: `${IN_FLIGHT} concurrent single appends (group commit)`, rows, rowsPerCommit: +(rows / commits).toFixed(1), storeRowsPerSecond: storeRate,
    bareRowsPerSecond: bareGrouped, ratio: +(bareGrouped / storeRate).toFixed(2), bareBatch1RowsPerSecond: bareRates.get(1), speedupOverBareBatch1: +(storeRate / bareRates.get(1)!).toFixed(1),
  });
}

void main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 1;
});
