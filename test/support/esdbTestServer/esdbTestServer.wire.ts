/**
 * TEST DOUBLE wire helpers: protobuf messages of the client package's generated code <-> the test log's records.
 * The shapes follow what an EventStoreDB node (22.6 and later) puts on the wire for gRPC clients.
 */
import { Empty as GoogleEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { AppendReq, BatchAppendReq } from '@eventstore/db-client/generated/streams_pb';
import type { Expected, LogRecord, ProposedEvent } from './esdbTestLog';

export const streamNameOf = (identifier: StreamIdentifier | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');

export const streamIdentifier = (name: string): StreamIdentifier => new StreamIdentifier().setStreamName(Buffer.from(name, 'utf8'));

/** Clients send ids either as a string or as two 64-bit halves; the server accepts both. */
export function uuidOf(uuid: UUID | undefined): string {
  if (!uuid) throw new Error('an event without an id');
  if (uuid.hasString()) return uuid.getString();
  const s = uuid.getStructured()!;
  const hex = [s.getMostSignificantBits(), s.getLeastSignificantBits()]
    .map((half) => BigInt.asUintN(64, BigInt(half)).toString(16).padStart(16, '0'))
    .join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function proposedEvent(message: AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  if (!type) throw new Error('a proposed event needs metadata "type"');
  return {
    eventId: uuidOf(message.getId()),
    type,
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

/** An event as a read or a subscription delivers it: its own $all position on stream reads too (22.6+). */
export function readEvent(record: LogRecord): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(record.eventId))
    .setStreamIdentifier(streamIdentifier(record.streamName))
    .setStreamRevision(record.revision.toString())
    .setCommitPosition(record.position.toString())
    .setPreparePosition(record.position.toString())
    .setData(record.data)
    .setCustomMetadata(record.customMetadata);
  recorded
    .getMetadataMap()
    .set('type', record.type)
    .set('content-type', record.contentType)
    .set('created', record.created.toString());
  return new ReadResp().setEvent(new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(record.position.toString()));
}

export function streamNotFound(name: string): ReadResp {
  return new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(name)));
}

/** Expected revision of an Append (event_store.client.Empty) or BatchAppend (google.protobuf.Empty) request. */
export function expectedOf(options: AppendReq.Options | BatchAppendReq.Options): Expected {
  if (options.hasAny()) return 'any';
  if (options.hasNoStream()) return 'no_stream';
  if (options.hasStreamExists()) return 'stream_exists';
  return BigInt('getRevision' in options ? options.getRevision() : options.getStreamPosition());
}

export const emptyOf = { client: () => new Empty(), google: () => new GoogleEmpty() };
