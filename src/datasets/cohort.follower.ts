/**
 * Folds the log into one generation of the cohort read model: the latest record of each patient in
 * memory (what every query reads, latest or historical), written to the generation's storage so a
 * restart folds only what it missed. The live read model and a rebuild both use it; only where the
 * events come from differs. A catch-up writes rarely rather than every page: records are rewritten
 * whole, so a write costs in proportion to the patients touched since the last one, and a crash only
 * means folding those events again. It writes once at least PERSIST_EVERY events and PERSIST_PER_PATIENT
 * events per touched patient were folded, which keeps the writes a small part of a rebuild (a registry's
 * log touches every patient every few hundred thousand events: 2.8 million events of 100,000 patients
 * were written six times at every 500,000, and re-encoding 600,000 records cost more than the folding;
 * at 16 per patient they were still written twice, 30 s of CPU for the rebuild, 23 s at 32, once).
 * A rebuild's generation is written in the end in any case (a crashed rebuild starts a new one); a
 * first start's catch-up that crashes folds again at most 32 events a patient.
 */
import type { EventStore, StoredEvent } from '../eventStore/eventStore.port';
import type { PatientRecord } from '../patients/patient.record';
import { epochMsOfInstant } from '../shared/dates';
import { foldTouched, type CohortState } from '../../projections/cohort.fold';
import { toLoggedPatientEvent } from './loggedEvent';
import { encodeRecord } from './readModel.codec';
import type { Batch, PatientMark, ReadModelStorage } from './readModel.storage';

const PAGE = 5000;

/** The events of a command or an import share one recordedAt (one string: sharedStrings.ts); parse it once. */
let lastInstant = '';
let lastMs = NaN;
const recordedMsOf = (instant: string): number => (instant === lastInstant ? lastMs : ((lastInstant = instant), (lastMs = epochMsOfInstant(instant))));
const PERSIST_EVERY = 500_000;
const PERSIST_PER_PATIENT = 32;
const LIVE_PERSIST_EVERY = 250;
/** records encoded between two turns of the event loop (a registry's record: about 8 KB of JSON) */
const ENCODE_SLICE = 50;

export type Progress = (position: number, head: number) => void | Promise<void>;

export class CohortFollower {
  readonly records: Map<string, PatientRecord>;
  readonly marks: Map<string, PatientMark>;
  private checkpoint: number;
  private folded: number;
  /** what was folded since the storage was last written */
  private readonly dirty = new Set<string>();
  private unsaved: number[] = [];
  /** the batch a background write is encoding; null when none is */
  private inFlight: Batch | null = null;
  private writing: Promise<void> = Promise.resolve();
  private writeFailure: unknown = null;

  constructor(readonly storage: ReadModelStorage) {
    const { records, marks } = storage.loadLatest();
    this.records = records;
    this.marks = marks;
    this.checkpoint = storage.position();
    this.folded = storage.eventsFolded();
  }

  get position(): number {
    return this.checkpoint;
  }

  /** The latest state; it changes as events arrive, so read it without awaiting in between. */
  get state(): CohortState {
    return { records: this.records, position: this.checkpoint, eventsFolded: this.folded };
  }

  /**
   * Folds events that follow the checkpoint, in log order (events at or before it are ignored). Once
   * LIVE_PERSIST_EVERY have gathered they are written in the background: the touched records are
   * encoded a slice at a time between requests, then committed in one transaction (encoding a
   * thousand patients at once held every request behind it: the HTTP p99 at concurrency 32 went from
   * about 30 to about 50 ms). The commit itself still holds them, so it is kept small: with a write
   * every 1,000 events the p99 at concurrency 32 was 50.7-51.0 ms once 2,000 patients had some 25
   * events each, with one every 250 it was 28.8-33.2 ms at the same throughput and CPU a request
   * (measured). An event that erases an identity is written at once with everything
   * before it (the plaintext must leave the file); close() writes the rest. What a crash leaves
   * unwritten is folded again from the log.
   */
  apply(events: readonly StoredEvent[]): void {
    if (this.writeFailure !== null) throw this.writeFailure;
    this.fold(events);
    if (events.some((e) => e.type === 'IdentityErased')) this.persist();
    else if (this.unsaved.length >= LIVE_PERSIST_EVERY && this.inFlight === null) {
      // a failed background write stops the next fold, as a failed write at once stops this one
      this.writing = this.persistInSlices().catch((error: unknown) => void (this.writeFailure = error));
    }
  }

  /** Resolves once the background write in progress, if any, has been committed (or taken over by a write at once). */
  async written(): Promise<void> {
    await this.writing;
  }

  /** Writes what is folded and closes the storage. */
  close(): void {
    this.persist();
    this.storage.close();
  }

  /** Closes the storage of a generation no longer live, without writing: what it had not written is in the new one. */
  retire(): void {
    this.inFlight = null;
    this.storage.close();
  }

  /**
   * Folds the log from the checkpoint up to the head, including what is appended meanwhile. A
   * progress callback that returns a promise holds the next page until it settles.
   */
  async readToHead(store: EventStore, onProgress: Progress = () => undefined): Promise<void> {
    for (let head = await store.headPosition(); this.checkpoint < head; ) {
      const page = await store.readAll({ after: this.checkpoint, maxCount: PAGE });
      if (page.length === 0) break;
      this.fold(page);
      if (this.unsaved.length >= Math.max(PERSIST_EVERY, PERSIST_PER_PATIENT * this.dirty.size)) this.persist();
      await onProgress(this.checkpoint, head);
      // let requests in between pages: the live generation keeps serving during a rebuild
      await new Promise((resolve) => setImmediate(resolve));
      if (this.checkpoint >= head) head = await store.headPosition();
    }
    this.persist();
  }

  /** All or nothing: an event this software cannot read stops the fold before anything of the batch counts. */
  private fold(events: readonly StoredEvent[]): void {
    const fresh = events.filter((stored) => stored.position > this.checkpoint);
    if (fresh.length === 0) return;
    const logged = fresh.map(toLoggedPatientEvent).filter((e) => e !== null);
    for (const { patientId, position, event } of logged) {
      const recordedMs = recordedMsOf(event.recordedAt);
      const mark = this.marks.get(patientId);
      this.marks.set(patientId, { lastPosition: position, maxRecordedMs: Math.max(mark?.maxRecordedMs ?? -Infinity, recordedMs) });
      this.dirty.add(patientId);
      this.unsaved.push(position);
    }
    for (const [patientId, record] of foldTouched(this.records, logged)) this.records.set(patientId, record);
    this.folded += logged.length;
    this.checkpoint = fresh[fresh.length - 1].position;
  }

  /** Writes everything folded, at once, the patients of a background write in progress included (which then commits nothing). */
  private persist(): void {
    if (this.checkpoint <= this.storage.position()) return;
    const batch = this.takeBatch();
    this.storage.commit(batch);
  }

  private async persistInSlices(): Promise<void> {
    const batch = this.takeBatch();
    this.inFlight = batch;
    const encoded = new Map<string, string>();
    for (const [patientId, record] of batch.touched) {
      encoded.set(patientId, encodeRecord(record));
      if (encoded.size % ENCODE_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
      if (this.inFlight !== batch) return;
    }
    this.inFlight = null;
    this.storage.commit({ ...batch, encoded });
  }

  /** What is folded and not written, as it stands now (records and marks are replaced, never changed, so they can be written later). */
  private takeBatch(): Batch {
    const ids = new Set(this.inFlight?.touched.keys());
    for (const id of this.dirty) ids.add(id);
    const positions = this.inFlight === null ? this.unsaved : [...this.inFlight.positions, ...this.unsaved];
    const batch: Batch = {
      to: this.checkpoint,
      positions,
      touched: new Map([...ids].map((id) => [id, this.records.get(id)!])),
      marks: new Map([...ids].map((id) => [id, this.marks.get(id)!])),
    };
    this.inFlight = null;
    this.dirty.clear();
    this.unsaved = [];
    return batch;
  }
}
