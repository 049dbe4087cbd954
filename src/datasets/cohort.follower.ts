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
import type { PatientMark, ReadModelStorage } from './readModel.storage';

const PAGE = 5000;

/** The events of a command or an import share one recordedAt (one string: sharedStrings.ts); parse it once. */
let lastInstant = '';
let lastMs = NaN;
const recordedMsOf = (instant: string): number => (instant === lastInstant ? lastMs : ((lastInstant = instant), (lastMs = epochMsOfInstant(instant))));
const PERSIST_EVERY = 500_000;
const PERSIST_PER_PATIENT = 32;
const LIVE_PERSIST_EVERY = 1000;

export type Progress = (position: number, head: number) => void | Promise<void>;

export class CohortFollower {
  readonly records: Map<string, PatientRecord>;
  readonly marks: Map<string, PatientMark>;
  private checkpoint: number;
  private folded: number;
  /** what was folded since the storage was last written */
  private readonly dirty = new Set<string>();
  private unsaved: number[] = [];

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
   * Folds events that follow the checkpoint, in log order (events at or before it are ignored). They
   * are written once LIVE_PERSIST_EVERY have gathered, or at once when one erases an identity (the
   * plaintext must leave the file); close() writes the rest. Writing after every batch cost a busy
   * server 8% of its event loop, and what a crash leaves unwritten is folded again from the log.
   */
  apply(events: readonly StoredEvent[]): void {
    this.fold(events);
    if (this.unsaved.length >= LIVE_PERSIST_EVERY || events.some((e) => e.type === 'IdentityErased')) this.persist();
  }

  /** Writes what is folded and closes the storage. */
  close(): void {
    this.persist();
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

  private persist(): void {
    if (this.checkpoint <= this.storage.position()) return;
    const touched = new Map([...this.dirty].map((id) => [id, this.records.get(id)!]));
    const marks = new Map([...this.dirty].map((id) => [id, this.marks.get(id)!]));
    this.storage.commit({ to: this.checkpoint, positions: this.unsaved, touched, marks });
    this.dirty.clear();
    this.unsaved = [];
  }
}
