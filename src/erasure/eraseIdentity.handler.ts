/**
 * The erasure use case: append IdentityErased to the patient's stream (the audited fact: who, when,
 * which mode), then shred the patient's data key in the vault. In that order, so a crash in between
 * leaves an erasure that a retry completes, never a shredded key without its event. The cohort read
 * model is then rebuilt from the log, so no earlier generation keeps the plaintext it had folded.
 * A legacy stream (written in clear before stream keys) cannot be erased: the request is refused.
 */
import { Inject, Logger, Optional } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { CohortReadModel } from '../datasets/cohort.readModel';
import type { EventStore } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import { anonymousIdOf, type ErasureMode } from '../patients/patient.erasure';
import { patientStream } from '../patients/patient.stream';
import { CLOCK, type Clock } from '../shared/clock';
import { DomainError } from '../shared/domain.error';
import { handleCommand } from '../shared/handleCommand';
import { ErasableEventStore } from './erasableEventStore';

export class EraseIdentityMessage {
  constructor(
    readonly patientId: string,
    readonly mode: ErasureMode,
    readonly reason: string,
    readonly recordedBy: string,
  ) {}
}

export interface ErasureResult {
  anonymousId: string;
  mode: ErasureMode;
  /** log position of the IdentityErased event: pass it as minPosition to read datasets after the erasure */
  position: number;
  eventIds: string[];
  /** the read-model rebuild that drops earlier generations (the CLI waits for it, the HTTP answer does not) */
  readModelRebuilt: Promise<void>;
}

@CommandHandler(EraseIdentityMessage)
export class EraseIdentityHandler implements ICommandHandler<EraseIdentityMessage, ErasureResult> {
  private readonly logger = new Logger('Erasure');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() private readonly readModel?: CohortReadModel,
  ) {}

  async execute({ patientId, mode, reason, recordedBy }: EraseIdentityMessage): Promise<ErasureResult> {
    const store = this.store;
    if (!(store instanceof ErasableEventStore)) throw new DomainError('conflict', 'this store has no key vault: nothing can be erased');
    const { streamId, streamKey } = store.streams.forRead(patientId);
    const events = await store.readStream(streamId);
    if (events.length === 0) throw new DomainError('not_found', `patient ${patientId} is not enrolled`);
    if (streamKey === null) {
      throw new DomainError(
        'conflict',
        `patient ${patientId} was recorded before per-patient keys (legacy stream): its identifying data is in clear in the log, which is never rewritten, so it cannot be erased; deny research authorization to exclude it`,
      );
    }
    const anonymousId = anonymousIdOf(streamKey);
    const earlier = events.find((e) => e.type === 'IdentityErased');
    if (earlier && store.vault.dataKeyOf(streamKey) === null) throw new DomainError('conflict', `this identity is already erased: the patient is ${anonymousId}`);
    let position = earlier?.position ?? 0;
    let eventIds = earlier ? [earlier.eventId] : [];
    if (!earlier) {
      const now = this.clock.now();
      const command = { type: 'EraseIdentity' as const, data: { mode, anonymousId, reason }, metadata: { now, recordedBy } };
      const result = await handleCommand({ store, newId: randomUUID }, patientStream, streamId, [command], {
        recordedAt: now,
        recordedBy,
        correlationId: randomUUID(),
        causationId: null,
        expectedRevision: events.length - 1,
      });
      ({ position, eventIds } = result);
    }
    store.vault.shred(streamKey);
    store.forget(streamKey);
    return { anonymousId, mode: earlier ? ((earlier.data as { mode: ErasureMode }).mode) : mode, position, eventIds, readModelRebuilt: this.rebuild() };
  }

  /** Rebuilds one after the other: a rebuild already under way may have read the patient before the shred. */
  private rebuilds: Promise<void> = Promise.resolve();
  private rebuild(): Promise<void> {
    const readModel = this.readModel;
    if (!readModel) return Promise.resolve();
    this.rebuilds = this.rebuilds.then(() =>
      readModel.rebuild().then(
        () => undefined,
        (error: Error) => this.logger.error(`read model rebuild after an erasure failed (run \`cli rebuild\`): ${error.message}`),
      ),
    );
    return this.rebuilds;
  }
}
