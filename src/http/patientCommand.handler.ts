/**
 * The one CQRS command handler of the patient decider: load -> decide -> append, nothing more.
 * One message class carries the whole command union (@nestjs/cqrs dispatches by class).
 */
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { EventStore } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import type { PatientCommand } from '../patients/patient.commands';
import { ErasableEventStore, patientStreamForWrite } from '../erasure/erasableEventStore';
import type { PatientState } from '../patients/patient.decider';
import { DecidedStates } from '../shared/decidedStates';
import { patientStream } from '../patients/patient.stream';
import { CLOCK, type Clock } from '../shared/clock';
import { handleCommand, type CommandEnvelope, type CommandResult } from '../shared/handleCommand';
import { DomainError } from '../shared/domain.error';

export type UnstampedCommand = Omit<PatientCommand, 'metadata'>;

export interface RequestContext {
  recordedBy: string;
  correlationId?: string;
  causationId?: string | null;
  expectedRevision?: number;
  idempotencyKey?: string;
  metadata?: Record<string, unknown>;
}

export class PatientCommandMessage {
  constructor(
    readonly patientId: string,
    readonly commands: UnstampedCommand[],
    readonly context: RequestContext,
  ) {}
}

@CommandHandler(PatientCommandMessage)
export class PatientCommandHandler implements ICommandHandler<PatientCommandMessage, CommandResult> {
  /** the patient streams this process decided on: most commands then skip reading and folding the stream */
  private readonly states = new DecidedStates<PatientState>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    // an erased patient's remembered state holds the plaintext the shred made unreadable
    if (store instanceof ErasableEventStore) store.onErasure((streamId) => this.states.forget(streamId));
  }

  async execute({ patientId, commands, context }: PatientCommandMessage): Promise<CommandResult> {
    const now = this.clock.now();
    // a literal, not `{ ...c, metadata }`: V8 gives a spread that gains a key a hidden class of its own every time
    const stamped = commands.map((c) => ({ type: c.type, data: c.data, metadata: { now, recordedBy: context.recordedBy } }) as PatientCommand);
    if (stamped.some((c) => c.type === 'EraseIdentity')) throw new DomainError('invalid', 'an erasure goes through POST /patients/:id/erasure, which also shreds the key');
    const { streamId } = await patientStreamForWrite(this.store, patientId);
    return handleCommand({ store: this.store, newId: randomUUID, states: this.states }, patientStream, streamId, stamped, envelopeOf(context, now));
  }
}

/** The envelope of a patient command's events; the import's bulk write (src/import) stamps with it too. */
export const envelopeOf = (context: RequestContext, now: string): CommandEnvelope => ({
  recordedAt: now,
  recordedBy: context.recordedBy,
  correlationId: context.correlationId ?? randomUUID(),
  causationId: context.causationId ?? null,
  expectedRevision: context.expectedRevision,
  idempotencyKey: context.idempotencyKey,
  metadata: context.metadata,
});
