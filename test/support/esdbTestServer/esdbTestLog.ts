/**
 * TEST DOUBLE of EventStoreDB's storage semantics, kept in memory so the gRPC test server
 * (esdbTestServer.ts) can be stopped and started again over the same data, as a real node restarts.
 *
 * What it reproduces, from the server's documented behaviour (and its CheckCommit logic):
 * - one transaction log: each event has a byte-offset log position; events appended through gRPC are
 *   implicitly committed, so an event's commit position equals its prepare position and is its own;
 * - expected revision: `any`, `no_stream`, `stream_exists` or an exact revision, otherwise wrong expected version;
 * - idempotent appends: the same event ids at the same place are "already committed" and answered with the
 *   revision and position of the last of them; a partial match is a wrong expected version;
 * - system records (streams starting with `$`) are in `$all` from the start, as on a fresh node.
 * Not reproduced: the idempotency cache's size limit, deletes, ACLs, links, explicit transactions.
 */
import { randomUUID } from 'node:crypto';

export type Expected = bigint | 'any' | 'no_stream' | 'stream_exists';

export interface ProposedEvent {
  eventId: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

export interface LogRecord extends ProposedEvent {
  streamName: string;
  revision: bigint;
  position: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as the server reports `created` */
  created: bigint;
}

export type AppendOutcome =
  /** position -1: none to report (the server then answers no_position) */
  | { kind: 'success'; currentRevision: bigint; position: bigint }
  | { kind: 'wrong_expected_version'; currentRevision: bigint | 'no_stream'; expected: Expected };

/** A record's size on disk is roughly its framing plus its strings and bytes; positions are byte offsets. */
const recordSize = (r: ProposedEvent & { streamName: string }): bigint =>
  BigInt(88 + r.streamName.length + r.type.length + r.data.length + r.customMetadata.length);

export class EsdbTestLog {
  readonly records: LogRecord[] = [];
  private readonly streams = new Map<string, LogRecord[]>();
  private readonly byEventId = new Map<string, LogRecord>();
  private readonly listeners = new Set<() => void>();
  private nextPosition = 0n;
  /** false: answer an already-written append without a position, as servers before IdempotentLogPosition did */
  idempotentAppendsHavePositions = true;

  constructor() {
    // A fresh node writes a few system records before any client does; $all readers must skip them.
    const system = (streamName: string, type: string): [string, ProposedEvent] => [
      streamName,
      { eventId: randomUUID(), type, contentType: 'application/json', data: Buffer.from('{}'), customMetadata: new Uint8Array() },
    ];
    for (const [stream, event] of [system('$settings', 'update-default-acl'), system('$$$scavenges', '$metadata')]) {
      this.write(stream, [event]);
    }
  }

  append(streamName: string, expected: Expected, events: ProposedEvent[]): AppendOutcome {
    const stream = this.streams.get(streamName) ?? [];
    const current = BigInt(stream.length) - 1n;
    const wrong = (): AppendOutcome => ({ kind: 'wrong_expected_version', currentRevision: current < 0n ? 'no_stream' : current, expected });
    if (expected === 'stream_exists' && current < 0n) return wrong();
    if (expected === 'any' || expected === 'stream_exists') {
      const found = events.map((e) => this.byEventId.get(e.eventId)).map((r) => (r?.streamName === streamName ? r : undefined));
      if (found.length > 0 && found.every(Boolean)) return this.alreadyCommitted(found.at(-1)!);
      if (found.length > 0 && found[0]) return wrong(); // part of the batch is there, part is not
      return this.write(streamName, events);
    }
    const expectedNumber = expected === 'no_stream' ? -1n : expected;
    if (expectedNumber < current) {
      const matches = events.every((e, i) => stream[Number(expectedNumber) + 1 + i]?.eventId === e.eventId);
      return matches && events.length > 0 ? this.alreadyCommitted(stream[Number(expectedNumber) + events.length]) : wrong();
    }
    return expectedNumber === current ? this.write(streamName, events) : wrong();
  }

  stream(streamName: string): LogRecord[] | undefined {
    return this.streams.get(streamName);
  }

  /** Index of the first record at or after `position` (binary search: positions only grow). */
  indexAt(position: bigint): number {
    let low = 0;
    let high = this.records.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.records[mid].position < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private alreadyCommitted(last: LogRecord): AppendOutcome {
    return { kind: 'success', currentRevision: last.revision, position: this.idempotentAppendsHavePositions ? last.position : -1n };
  }

  private write(streamName: string, events: ProposedEvent[]): AppendOutcome {
    const stream = this.streams.get(streamName) ?? [];
    this.streams.set(streamName, stream);
    const created = BigInt(Date.now()) * 10_000n;
    let last: LogRecord | undefined;
    for (const event of events) {
      last = { ...event, streamName, revision: BigInt(stream.length), position: this.nextPosition, created };
      this.nextPosition += recordSize(last);
      stream.push(last);
      this.records.push(last);
      this.byEventId.set(last.eventId, last);
    }
    this.listeners.forEach((wake) => wake());
    return { kind: 'success', currentRevision: BigInt(stream.length) - 1n, position: last?.position ?? -1n };
  }
}
