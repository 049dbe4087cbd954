/**
 * The command loop, the same for every decider: read the stream, fold, decide, append with the
 * revision that was read. Everything else about a command (what it means, whether it is allowed)
 * lives in the pure decider.
 *
 * With `states`, the fold of the last command on the stream stands in for the read: a command that
 * succeeds on it is proven current by the append's expected revision; one that is refused, replays
 * nothing new, or meets a newer revision (another process appended) is decided again on the stream as
 * stored, so the answers are those of the plain loop.
 */
import type { EventStore, ExpectedRevision, NewEvent, StoredEvent } from '../eventStore/eventStore.port';
import { ConcurrencyError } from '../eventStore/eventStore.port';
import type { Decider } from './decider';
import { afterAppend, asStored, decidedStreamOf, type DecidedStates, type DecidedStream } from './decidedStates';
import { stampEvent } from './eventEnvelope';

export interface CommandContext<State = unknown> {
  store: EventStore;
  newId: () => string;
  /** what this writer remembers of the streams it decided on: with it a command need not read its stream */
  states?: DecidedStates<State>;
}

export interface CommandEnvelope {
  recordedAt: string;
  recordedBy: string;
  correlationId: string;
  causationId: string | null;
  /** the revision the caller saw (If-Match): a stale one is a conflict, never a retry */
  expectedRevision?: number;
  /** a retried request with the same key gets the first answer and appends nothing */
  idempotencyKey?: string;
  metadata?: Record<string, unknown>;
}

export interface CommandResult {
  streamId: string;
  /** the stream's revision after the command */
  revision: number;
  /** global position of the command's last event: pass it as minPosition to read your own write */
  position: number;
  eventIds: string[];
  /** true when an earlier request with the same idempotency key already did this */
  replayed: boolean;
}

export interface StreamDecider<State, Command, Event extends { type: string; data: unknown }, Recorded> {
  decider: Decider<State, Command, Event, Recorded>;
  /** a stored event as the decider folds it (upcast to the current schema) */
  toRecorded: (stored: StoredEvent) => Recorded;
  schemaVersion: number;
}

const RETRIES_ON_RACE = 3;
/** a remembered state that cannot decide this command alone: read the stream and decide again */
const STALE = Symbol('stale');

export async function handleCommand<State, Command, Event extends { type: string; data: unknown }, Recorded>(
  context: CommandContext<State>,
  stream: StreamDecider<State, Command, Event, Recorded>,
  streamId: string,
  commands: Command[],
  envelope: CommandEnvelope,
): Promise<CommandResult> {
  const remembered = context.states?.get(streamId);
  if (remembered) {
    const outcome = await decideAndAppend(context, stream, streamId, commands, envelope, remembered, { remembered: true, mayRetry: false });
    if (outcome !== STALE) return outcome;
  }
  for (let attempt = 0; ; attempt++) {
    const stored = await context.store.readStream(streamId);
    const known = decidedStreamOf(stream.decider, stream.toRecorded, stored);
    context.states?.keep(streamId, known);
    const outcome = await decideAndAppend(context, stream, streamId, commands, envelope, known, { remembered: false, mayRetry: attempt < RETRIES_ON_RACE });
    if (outcome !== STALE) return outcome;
  }
}

/**
 * One decision on a known state. A remembered state answers only a success (anything else is STALE);
 * a state just read gives the plain loop's answers, STALE meaning a race worth another read.
 */
async function decideAndAppend<State, Command, Event extends { type: string; data: unknown }, Recorded>(
  context: CommandContext<State>,
  { decider, toRecorded, schemaVersion }: StreamDecider<State, Command, Event, Recorded>,
  streamId: string,
  commands: Command[],
  envelope: CommandEnvelope,
  known: DecidedStream<State>,
  { remembered, mayRetry }: { remembered: boolean; mayRetry: boolean },
): Promise<CommandResult | typeof STALE> {
  const replay = envelope.idempotencyKey === undefined ? undefined : known.replays.get(envelope.idempotencyKey);
  if (replay) return { streamId, ...replay, eventIds: [...replay.eventIds], replayed: true };
  const current = known.revision < 0 ? 'no_stream' : known.revision;
  if (envelope.expectedRevision !== undefined && envelope.expectedRevision !== current) {
    if (remembered) return STALE;
    throw new ConcurrencyError(streamId, envelope.expectedRevision, current);
  }
  let state = known.state;
  const events: NewEvent[] = [];
  try {
    for (const command of commands) {
      for (const event of decider.decide(command, state)) {
        const newEvent = stampEvent(event, envelope, context.newId(), schemaVersion);
        events.push(newEvent);
        state = decider.evolve(state, toRecorded(asStored(newEvent, newEvent.data, streamId, -1, -1)));
      }
    }
  } catch (error) {
    if (remembered) return STALE;
    throw error;
  }
  if (events.length === 0) return remembered ? STALE : { streamId, revision: known.revision, position: known.position, eventIds: [], replayed: false };
  const expectedRevision: ExpectedRevision = current;
  let result;
  try {
    result = await context.store.appendToStream(streamId, events, { expectedRevision });
  } catch (error) {
    context.states?.forget(streamId);
    // Someone else appended between our read and our append: decide again on the new state, unless
    // the caller pinned the revision it saw (the plain loop answers that, on the stream as stored).
    if (error instanceof ConcurrencyError && (remembered || (mayRetry && envelope.expectedRevision === undefined))) return STALE;
    throw error;
  }
  const eventIds = events.map((e) => e.eventId);
  context.states?.keep(streamId, afterAppend(toRecorded, decider.evolve, streamId, known, events, result.nextExpectedRevision, result.position, envelope.idempotencyKey));
  return { streamId, revision: result.nextExpectedRevision, position: result.position, eventIds, replayed: false };
}
