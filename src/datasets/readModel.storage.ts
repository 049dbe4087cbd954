/**
 * Where a generation of the cohort read model keeps its state between runs: the latest record of
 * each patient (which, with its stamps, also answers every earlier knowledge cut: recordAsKnown), the
 * marks that let a cut skip patients it holds whole, and the checkpoint.
 */
import type { PatientRecord } from '../patients/patient.record';

/** What a knowledge cut needs to know about a patient to take their latest record as it is. */
export interface PatientMark {
  lastPosition: number;
  /** the latest recordedAt (ms) of their events: every event of theirs is in a cut known at or after it */
  maxRecordedMs: number;
}

export interface Batch {
  /** checkpoint after the batch */
  to: number;
  /** positions of the patient events folded since the last commit */
  positions: readonly number[];
  /** the records and marks of the patients touched since the last commit, as they stand at `to` */
  touched: ReadonlyMap<string, PatientRecord>;
  marks: ReadonlyMap<string, PatientMark>;
  /** some of those records already in the codec's form (a live follower encodes them a slice at a time, before the commit) */
  encoded?: ReadonlyMap<string, string>;
}

export interface ReadModelStorage {
  readonly generation: number;
  /** the checkpoint: every event up to it is folded in */
  position(): number;
  /** patient events folded up to the checkpoint */
  eventsFolded(): number;
  loadLatest(): { records: Map<string, PatientRecord>; marks: Map<string, PatientMark> };
  /**
   * Writes a batch and moves the checkpoint to `batch.to`, in one transaction. Idempotent: another
   * process following the same log may have written part of it already; only events after the stored
   * checkpoint are counted, and a batch wholly behind it writes nothing (returns false).
   */
  commit(batch: Batch): boolean;
  close(): void;
}

/** How many of the batch's events lie after `checkpoint`. */
export const newEvents = (batch: Batch, checkpoint: number): number => batch.positions.filter((p) => p > checkpoint).length;

/** The in-process storage for EVENT_STORE=memory. */
export class MemoryReadModelStorage implements ReadModelStorage {
  private checkpoint = 0;
  private folded = 0;
  private readonly latest = new Map<string, PatientRecord>();
  private readonly marks = new Map<string, PatientMark>();

  constructor(readonly generation: number) {}

  position = () => this.checkpoint;
  eventsFolded = () => this.folded;

  loadLatest() {
    return { records: new Map(this.latest), marks: new Map(this.marks) };
  }

  commit(batch: Batch): boolean {
    if (batch.to <= this.checkpoint) return false;
    this.folded += newEvents(batch, this.checkpoint);
    for (const [patientId, record] of batch.touched) this.latest.set(patientId, record);
    for (const [patientId, mark] of batch.marks) this.marks.set(patientId, mark);
    this.checkpoint = batch.to;
    return true;
  }

  close(): void {}
}
