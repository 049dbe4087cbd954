/**
 * The event store as the application sees it: a decorator on the port that seals the identifying
 * fields of a patient's new events with the patient's data key before they reach the log, and opens
 * them when events are read, so every fold, rule and projection keeps seeing plaintext and no reader
 * has to know about keys. Streams without a key (legacy `patient-<registry id>` streams, users, the
 * access log) pass through unchanged. After a shred the sealed fields read as placeholders.
 *
 * verify and copy work on the stored bytes: they take `rawEventStore(store)`, since the hash chain
 * covers the ciphertext, not the plaintext.
 */
import type { AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, StoredEvent, Subscription } from '../eventStore/eventStore.port';
import { PATIENT_STREAM_PREFIX, patientStreamId } from '../patients/patient.events';
import { connectionOf, type StoreConnection } from '../eventStore/storeConnection';
import type { KeyVault } from './keyVault';
import { hasSealedField, openPayload, sealPayload } from './payloadSeal';
import { PatientStreams, type ResolvedStream } from './patientStreams';

export class ErasableEventStore implements EventStore {
  /** data keys by stream key (null: none, i.e. legacy or shredded); a stream's IdentityErased evicts it */
  private readonly keys = new Map<string, Buffer | null>();
  readonly streams: PatientStreams;
  /** told of each erasure this process sees, with the erased stream's id (caches of plaintext drop it) */
  private readonly erasureListeners: ((streamId: string) => void)[] = [];

  constructor(
    readonly inner: EventStore,
    readonly vault: KeyVault,
    secret: Buffer,
  ) {
    this.streams = new PatientStreams(vault, secret, this);
  }

  appendToStream(streamId: string, events: NewEvent[], options: { expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    const key = streamId.startsWith(PATIENT_STREAM_PREFIX) ? this.keyOf(streamId.slice(PATIENT_STREAM_PREFIX.length)) : null;
    const sealed = key === null ? events : events.map((e) => ({ ...e, data: sealPayload(e.type, e.eventId, e.data, key) }));
    return this.inner.appendToStream(streamId, sealed, options);
  }

  async readStream(streamId: string, options?: { fromRevision?: number }): Promise<StoredEvent[]> {
    return this.openAll(await this.inner.readStream(streamId, options));
  }

  async readAll(options?: ReadAllOptions): Promise<StoredEvent[]> {
    return this.openAll(await this.inner.readAll(options));
  }

  headPosition = () => this.inner.headPosition();
  /** /health reports the adapter's link, as without the decorator */
  connection = (): StoreConnection => connectionOf(this.inner);

  subscribeToAll(after: number, handler: (event: StoredEvent) => void | Promise<void>): Subscription {
    return this.inner.subscribeToAll(after, (event) => {
      this.noticeErasure(event);
      return handler(this.openOne(event));
    });
  }

  async close(): Promise<void> {
    await this.inner.close();
    this.vault.close();
  }

  /** Called right after a shred in this process; another process's shred is noticed at its IdentityErased. */
  forget(streamKey: string): void {
    this.keys.set(streamKey, null);
    this.streams.forget(streamKey);
    for (const listener of this.erasureListeners) listener(patientStreamId(streamKey));
  }

  onErasure(listener: (streamId: string) => void): void {
    this.erasureListeners.push(listener);
  }

  private keyOf(streamKey: string): Buffer | null {
    let key = this.keys.get(streamKey);
    if (key === undefined) this.keys.set(streamKey, (key = this.vault.dataKeyOf(streamKey)));
    return key;
  }

  private noticeErasure(event: StoredEvent): void {
    if (event.type === 'IdentityErased' && event.streamId.startsWith(PATIENT_STREAM_PREFIX)) this.forget(event.streamId.slice(PATIENT_STREAM_PREFIX.length));
  }

  private openAll(events: StoredEvent[]): StoredEvent[] {
    // an erasure in the same page counts for the whole page: nothing of that patient is opened any more
    events.forEach((e) => this.noticeErasure(e));
    return events.map((e) => this.openOne(e));
  }

  private openOne(event: StoredEvent): StoredEvent {
    if (!event.streamId.startsWith(PATIENT_STREAM_PREFIX) || !hasSealedField(event.type, event.data)) return event;
    const streamKey = event.streamId.slice(PATIENT_STREAM_PREFIX.length);
    return { ...event, data: openPayload(event.type, event.eventId, event.data, this.keyOf(streamKey), streamKey) };
  }
}

/** The stored bytes, for the hash chain (verify) and for copying the log: ciphertext stays ciphertext. */
export const rawEventStore = (store: EventStore): EventStore => (store instanceof ErasableEventStore ? store.inner : store);

/**
 * The stream of a registry id (or of an anonymous id) for reading. Every place that goes from a
 * registry id to a stream calls this or patientStreamForWrite; a store without a vault (a raw store in
 * a test) knows legacy streams only.
 */
export const patientStreamForRead = (store: EventStore, patientId: string): ResolvedStream =>
  store instanceof ErasableEventStore ? store.streams.forRead(patientId) : { streamId: patientStreamId(patientId), streamKey: null };

/** The stream to write a registry id's events to, issuing a stream key and data key for a new patient. */
export const patientStreamForWrite = (store: EventStore, patientId: string): Promise<ResolvedStream> =>
  store instanceof ErasableEventStore ? store.streams.forWrite(patientId) : Promise.resolve({ streamId: patientStreamId(patientId), streamKey: null });
