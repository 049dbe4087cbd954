/**
 * TEST DOUBLE of Streams.Append (one write per call) and Streams.BatchAppend (many writes multiplexed on one
 * bidirectional call, matched by correlation id), answering as an EventStoreDB node does.
 */
import type * as grpc from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { AllStreamPosition, WrongExpectedVersion } from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { AppendReq, AppendResp, BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import type { AppendOutcome, EsdbTestLog, ProposedEvent } from './esdbTestLog';
import { emptyOf, expectedOf, proposedEvent, streamNameOf } from './esdbTestServer.wire';

const ALREADY_EXISTS = 6;

export function appendHandler(log: EsdbTestLog) {
  return (call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>): void => {
    let options: AppendReq.Options | undefined;
    const events: ProposedEvent[] = [];
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      else events.push(proposedEvent(request.getProposedMessage()!));
    });
    call.on('end', () => {
      if (!options) return callback({ code: 3, details: 'the first message of an append must carry its options' });
      callback(null, appendResponse(log.append(streamNameOf(options.getStreamIdentifier()), expectedOf(options), events)));
    });
  };
}

function appendResponse(outcome: AppendOutcome): AppendResp {
  if (outcome.kind === 'success') {
    const success = new AppendResp.Success().setCurrentRevision(outcome.currentRevision.toString());
    const position = new AppendResp.Position().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString());
    return new AppendResp().setSuccess(outcome.position < 0n ? success.setNoPosition(emptyOf.client()) : success.setPosition(position));
  }
  const wrong = new AppendResp.WrongExpectedVersion();
  const empty = emptyOf.client;
  describeWrong(outcome, {
    current: (r) => wrong.setCurrentRevision(r),
    currentNoStream: () => wrong.setCurrentNoStream(empty()),
    expected: (r) => wrong.setExpectedRevision(r),
    expectedAny: () => wrong.setExpectedAny(empty()),
    expectedNoStream: () => wrong.setExpectedNoStream(empty()),
    expectedStreamExists: () => wrong.setExpectedStreamExists(empty()),
  });
  return new AppendResp().setWrongExpectedVersion(wrong);
}

export function batchAppendHandler(log: EsdbTestLog) {
  return (call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void => {
    // A write may arrive in several chunks; only the first carries the options, the last is marked final.
    const pending = new Map<string, { options: BatchAppendReq.Options; events: ProposedEvent[] }>();
    call.on('data', (request: BatchAppendReq) => {
      const correlation = request.getCorrelationId()!;
      const key = correlation.getString() || correlation.serializeBinary().toString();
      const write = pending.get(key) ?? { options: request.getOptions()!, events: [] };
      pending.set(key, write);
      write.events.push(...request.getProposedMessagesList().map(proposedEvent));
      if (!request.getIsFinal()) return;
      pending.delete(key);
      const name = streamNameOf(write.options.getStreamIdentifier());
      const response = batchResponse(log.append(name, expectedOf(write.options), write.events));
      call.write(response.setCorrelationId(correlation).setStreamIdentifier(write.options.getStreamIdentifier()));
    });
    call.on('end', () => call.end());
  };
}

function batchResponse(outcome: AppendOutcome): BatchAppendResp {
  if (outcome.kind === 'success') {
    const success = new BatchAppendResp.Success().setCurrentRevision(outcome.currentRevision.toString());
    const position = new AllStreamPosition().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString());
    return new BatchAppendResp().setSuccess(outcome.position < 0n ? success.setNoPosition(emptyOf.google()) : success.setPosition(position));
  }
  const wrong = new WrongExpectedVersion();
  const empty = emptyOf.google;
  describeWrong(outcome, {
    current: (r) => wrong.setCurrentStreamRevision(r),
    currentNoStream: () => wrong.setCurrentNoStream(empty()),
    expected: (r) => wrong.setExpectedStreamPosition(r),
    expectedAny: () => wrong.setExpectedAny(empty()),
    expectedNoStream: () => wrong.setExpectedNoStream(empty()),
    expectedStreamExists: () => wrong.setExpectedStreamExists(empty()),
  });
  const details = new Any();
  details.pack(wrong.serializeBinary(), 'event_store.client.WrongExpectedVersion');
  return new BatchAppendResp().setError(new Status().setCode(ALREADY_EXISTS).setMessage('WrongExpectedVersion').setDetails(details));
}

type WrongSetters = Record<'current' | 'expected', (revision: string) => unknown> &
  Record<'currentNoStream' | 'expectedAny' | 'expectedNoStream' | 'expectedStreamExists', () => unknown>;

/** Append and BatchAppend say the same thing in two message types whose setters differ in name and Empty type. */
function describeWrong(outcome: Extract<AppendOutcome, { kind: 'wrong_expected_version' }>, set: WrongSetters): void {
  if (outcome.currentRevision === 'no_stream') set.currentNoStream();
  else set.current(outcome.currentRevision.toString());
  if (outcome.expected === 'any') set.expectedAny();
  else if (outcome.expected === 'no_stream') set.expectedNoStream();
  else if (outcome.expected === 'stream_exists') set.expectedStreamExists();
  else set.expected(outcome.expected.toString());
}
