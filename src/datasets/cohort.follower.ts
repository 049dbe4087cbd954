/**
 * Folds the log into one generation of the cohort read model: the latest record of each patient in
 * memory (what latest queries read), the same written to the generation's storage in batches that
 * never cross a segment end (so each segment end is a snapshot). The live read model and a rebuild
 * both use it; only where the events come from differs.
 */
import type { EventStore, StoredEvent } from '../eventStore/eventStore.port';
import type { PatientRecord } from '../patients/patient.record';
import { epochMsOfInstant } from '../shared/dates';
import { foldTouched, type CohortState } from '../../projections/cohort.fold';
import { toLoggedPatientEvent } from './loggedEvent';
import { segmentEndOf, type PatientMark, type ReadModelStorage } from './readModel.storage';

const PAGE = 5000;

export type Progress = (position: number, head: number) => void | Promise<void>;

export class CohortFollower {
  readonly records: Map<string, PatientRecord>;
  readonly marks: Map<string, PatientMark>;
  private checkpoint: number;
  private folded: number;

  constructor(readonly storage: ReadModelStorage) {
    const { records, marks } = storage.loadLatest();
    this.records = records;
    this.marks = marks;
    this.checkpoint = storage.position();
    this.folded = storage.segments().reduce((n, s) => n + s.events, 0);
  }

  get position(): number {
    return this.checkpoint;
  }

  /** The latest state; it changes as events arrive, so read it without awaiting in between. */
  get state(): CohortState {
    return { records: this.records, position: this.checkpoint, eventsFolded: this.folded };
  }

  /** Folds events that follow the checkpoint, in log order; events at or before it are ignored. */
  apply(events: readonly StoredEvent[]): void {
    const size = this.storage.segmentSize;
    let chunk: StoredEvent[] = [];
    let last = this.checkpoint;
    for (const event of events) {
      if (event.position <= last) continue;
      last = event.position;
      if (chunk.length > 0 && segmentEndOf(event.position, size) !== segmentEndOf(chunk[0].position, size)) {
        this.fold(chunk);
        chunk = [];
      }
      chunk.push(event);
    }
    if (chunk.length > 0) this.fold(chunk);
  }

  /**
   * Folds the log from the checkpoint up to the head, including what is appended meanwhile. A
   * progress callback that returns a promise holds the next page until it settles.
   */
  async readToHead(store: EventStore, onProgress: Progress = () => undefined): Promise<void> {
    for (let head = await store.headPosition(); this.checkpoint < head; ) {
      const page = await store.readAll({ after: this.checkpoint, maxCount: PAGE });
      if (page.length === 0) break;
      this.apply(page);
      await onProgress(this.checkpoint, head);
      // let requests in between pages: the live generation keeps serving during a rebuild
      await new Promise((resolve) => setImmediate(resolve));
      if (this.checkpoint >= head) head = await store.headPosition();
    }
  }

  private fold(chunk: StoredEvent[]): void {
    const logged = chunk.map(toLoggedPatientEvent).filter((e) => e !== null);
    const touched = foldTouched(this.records, logged);
    const marks = new Map<string, PatientMark>();
    const events = logged.map((e) => {
      const recordedMs = epochMsOfInstant(e.event.recordedAt);
      const mark = marks.get(e.patientId) ?? this.marks.get(e.patientId);
      marks.set(e.patientId, { lastPosition: e.position, maxRecordedMs: Math.max(mark?.maxRecordedMs ?? -Infinity, recordedMs) });
      return { position: e.position, recordedMs };
    });
    const to = chunk[chunk.length - 1].position;
    this.storage.commit({ to, segmentEnd: segmentEndOf(to, this.storage.segmentSize), events, touched, marks });
    for (const [patientId, record] of touched) this.records.set(patientId, record);
    for (const [patientId, mark] of marks) this.marks.set(patientId, mark);
    this.checkpoint = to;
    this.folded += logged.length;
  }
}
