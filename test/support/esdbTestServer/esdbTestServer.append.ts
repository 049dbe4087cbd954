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
    const position = new AppendResp.Position().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString());
    return new AppendResp().setSuccess(new AppendResp.Success().setCurrentRevision(outcome.currentRevision.toString()).setPosition(position));
  }
  const wrong = new AppendResp.WrongExpectedVersion();
  if (outcome.currentRevision === 'no_stream') wrong.setCurrentNoStream(emptyOf.client());
  else wrong.setCurrentRevision(outcome.currentRevision.toString());
  if (outcome.expected === 'any') wrong.setExpectedAny(emptyOf.client());
  else if (outcome.expected === 'no_stream') wrong.setExpectedNoStream(emptyOf.client());
  else if (outcome.expected === 'stream_exists') wrong.setExpectedStreamExists(emptyOf.client());
  else wrong.setExpectedRevision(outcome.expected.toString());
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
    const position = new AllStreamPosition().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString());
    return new BatchAppendResp().setSuccess(new BatchAppendResp.Success().setCurrentRevision(outcome.currentRevision.toString()).setPosition(position));
  }
  const wrong = new WrongExpectedVersion();
  if (outcome.currentRevision === 'no_stream') wrong.setCurrentNoStream(emptyOf.google());
  else wrong.setCurrentStreamRevision(outcome.currentRevision.toString());
  if (outcome.expected === 'any') wrong.setExpectedAny(emptyOf.google());
  else if (outcome.expected === 'no_stream') wrong.setExpectedNoStream(emptyOf.google());
  else if (outcome.expected === 'stream_exists') wrong.setExpectedStreamExists(emptyOf.google());
  else wrong.setExpectedStreamPosition(outcome.expected.toString());
  const details = new Any();
  details.pack(wrong.serializeBinary(), 'event_store.client.WrongExpectedVersion');
  return new BatchAppendResp().setError(new Status().setCode(ALREADY_EXISTS).setMessage('WrongExpectedVersion').setDetails(details));
}
