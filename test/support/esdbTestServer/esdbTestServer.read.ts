/**
 * TEST DOUBLE of Streams.Read: a stream forwards or backwards (stream-not-found when it has no event), `$all`
 * forwards (from a position, inclusive) or backwards (before a position), with or without a server-side
 * filter, and `$all` catch-up subscriptions: confirmation, the events after the start position (exclusive,
 * as the server skips the checkpoint it was given), a caught-up message, then live events. Checkpoint
 * messages and subscriptions to a single stream are not implemented (the adapter uses neither).
 */
import type * as grpc from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { EsdbTestLog, LogRecord } from './esdbTestLog';
import { readEvent, streamNameOf, streamNotFound } from './esdbTestServer.wire';

const BACKWARDS = 1;
const UNIMPLEMENTED = 12;

type Call = grpc.ServerWritableStream<ReadReq, ReadResp>;

export function readHandler(log: EsdbTestLog) {
  return (call: Call): void => {
    const options = call.request.getOptions()!;
    if (options.hasSubscription()) {
      if (!options.hasAll()) return void call.emit('error', { code: UNIMPLEMENTED, details: 'stream subscriptions are not in the test double' });
      return subscribeToAll(log, call, options);
    }
    const records = options.hasStream() ? streamSlice(log, options) : allSlice(log, options);
    void writeAll(call, records === 'not_found' ? [] : records, records === 'not_found' ? streamNotFound(streamNameOf(options.getStream()!.getStreamIdentifier())) : null);
  };
}

function streamSlice(log: EsdbTestLog, options: ReadReq.Options): LogRecord[] | 'not_found' {
  const stream = options.getStream()!;
  const records = log.stream(streamNameOf(stream.getStreamIdentifier()));
  if (!records) return 'not_found';
  const count = Math.min(Number(options.getCount()), records.length);
  if (options.getReadDirection() === BACKWARDS) {
    const from = stream.hasRevision() ? Math.min(Number(stream.getRevision()), records.length - 1) : stream.hasStart() ? 0 : records.length - 1;
    return records.slice(Math.max(0, from - count + 1), from + 1).reverse();
  }
  const from = stream.hasRevision() ? Number(stream.getRevision()) : stream.hasEnd() ? records.length : 0;
  return records.slice(from, from + count);
}

function allSlice(log: EsdbTestLog, options: ReadReq.Options): LogRecord[] {
  const all = options.getAll()!;
  const matches = filterOf(options);
  const count = Number(options.getCount());
  const out: LogRecord[] = [];
  const backwards = options.getReadDirection() === BACKWARDS;
  const step = backwards ? -1 : 1;
  const length = log.records.length;
  let index: number;
  if (all.hasPosition()) index = log.indexAt(BigInt(all.getPosition()!.getCommitPosition())) - (backwards ? 1 : 0);
  else if (all.hasEnd()) index = backwards ? length - 1 : length;
  else index = backwards ? -1 : 0;
  for (; index >= 0 && index < log.records.length && out.length < count; index += step) {
    if (matches(log.records[index])) out.push(log.records[index]);
  }
  return out;
}

function subscribeToAll(log: EsdbTestLog, call: Call, options: ReadReq.Options): void {
  const all = options.getAll()!;
  const matches = filterOf(options);
  let next = all.hasPosition() ? log.indexAt(BigInt(all.getPosition()!.getCommitPosition()) + 1n) : all.hasEnd() ? log.records.length : 0;
  let caughtUp = false;
  let pumping: Promise<void> | null = null;
  let again = false;
  let closed = false;
  const pump = async (): Promise<void> => {
    do {
      again = false;
      for (; next < log.records.length && !closed; next++) {
        if (matches(log.records[next]) && !call.write(readEvent(log.records[next]))) await drained(call);
      }
      if (!caughtUp && !closed) call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
      caughtUp = true;
    } while (again && !closed);
  };
  const wake = () => {
    if (pumping) again = true;
    else pumping = pump().finally(() => (pumping = null));
  };
  const stop = log.onAppend(wake);
  call.on('cancelled', () => {
    closed = true;
    stop();
  });
  call.write(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(`test-double-${Date.now()}`)));
  wake();
}

function filterOf(options: ReadReq.Options): (record: LogRecord) => boolean {
  if (!options.hasFilter()) return () => true;
  const filter = options.getFilter()!;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier()! : filter.getEventType()!;
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : null;
  const prefixes = expression.getPrefixList();
  return (record) => {
    const subject = onStream ? record.streamName : record.type;
    return regex ? regex.test(subject) : prefixes.some((prefix) => subject.startsWith(prefix));
  };
}

async function writeAll(call: Call, records: LogRecord[], last: ReadResp | null): Promise<void> {
  for (const record of records) {
    if (call.cancelled) return;
    if (!call.write(readEvent(record))) await drained(call);
  }
  if (last) call.write(last);
  call.end();
}

const drained = (call: Call) => new Promise<void>((resolve) => call.once('drain', resolve));
