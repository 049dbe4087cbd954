/**
 * Where a generation of the cohort read model keeps its state: the latest record of each patient,
 * and, per segment of the log (positions (end - size, end]), the record versions of the patients the
 * segment touched. The versions at a segment end are a snapshot of the cohort by position, stored
 * incrementally; segment statistics of recordedAt let a knownAt cut skip what it cannot contain.
 */
import type { PatientRecord } from '../patients/patient.record';

/** What a knowledge cut needs to know about a patient without reading their stream. */
export interface PatientMark {
  lastPosition: number;
  /** the latest recordedAt (ms) of their events: every event of theirs is in a cut known at or after it */
  maxRecordedMs: number;
}

export interface SegmentStats {
  end: number;
  /** patient events folded in the segment */
  events: number;
  minRecordedMs: number;
  maxRecordedMs: number;
}

export interface Batch {
  /** checkpoint after the batch; the batch lies inside one segment */
  to: number;
  segmentEnd: number;
  /** position and recordedAt (ms) of each patient event of the batch */
  events: readonly { position: number; recordedMs: number }[];
  /** the records and marks of the patients the batch touched, as they stand at `to` */
  touched: ReadonlyMap<string, PatientRecord>;
  marks: ReadonlyMap<string, PatientMark>;
}

export interface ReadModelStorage {
  readonly generation: number;
  readonly segmentSize: number;
  /** the checkpoint: every event up to it is folded in */
  position(): number;
  loadLatest(): { records: Map<string, PatientRecord>; marks: Map<string, PatientMark> };
  /**
   * Writes a batch and moves the checkpoint to `batch.to`, in one transaction. Idempotent: another
   * process following the same log may have written part of it already; only events after the stored
   * checkpoint are counted, and a batch wholly behind it writes nothing (returns false).
   */
  commit(batch: Batch): boolean;
  /** every segment with folded events, in position order */
  segments(): SegmentStats[];
  /** the records of these patients as they stood at a segment end (absent: no event of theirs by then) */
  recordsAt(segmentEnd: number, patientIds: readonly string[]): Map<string, PatientRecord>;
  close(): void;
}

export const segmentEndOf = (position: number, size: number): number => Math.ceil(position / size) * size;

/** The part of a batch not yet folded by whoever moved the checkpoint to `checkpoint`. */
export function newPart(batch: Batch, checkpoint: number): SegmentStats {
  const part: SegmentStats = { end: batch.segmentEnd, events: 0, minRecordedMs: Infinity, maxRecordedMs: -Infinity };
  for (const e of batch.events) {
    if (e.position <= checkpoint) continue;
    part.events += 1;
    part.minRecordedMs = Math.min(part.minRecordedMs, e.recordedMs);
    part.maxRecordedMs = Math.max(part.maxRecordedMs, e.recordedMs);
  }
  return part;
}

/** The in-process storage for EVENT_STORE=memory: records are immutable, so versions share them. */
export class MemoryReadModelStorage implements ReadModelStorage {
  private checkpoint = 0;
  private readonly latest = new Map<string, PatientRecord>();
  private readonly marks = new Map<string, PatientMark>();
  private readonly versions = new Map<string, { end: number; record: PatientRecord }[]>();
  private readonly stats = new Map<number, SegmentStats>();

  constructor(
    readonly generation: number,
    readonly segmentSize: number,
  ) {}

  position(): number {
    return this.checkpoint;
  }

  loadLatest() {
    return { records: new Map(this.latest), marks: new Map(this.marks) };
  }

  commit(batch: Batch): boolean {
    if (batch.to <= this.checkpoint) return false;
    const part = newPart(batch, this.checkpoint);
    const known = this.stats.get(batch.segmentEnd);
    this.stats.set(batch.segmentEnd, {
      end: batch.segmentEnd,
      events: (known?.events ?? 0) + part.events,
      minRecordedMs: Math.min(known?.minRecordedMs ?? Infinity, part.minRecordedMs),
      maxRecordedMs: Math.max(known?.maxRecordedMs ?? -Infinity, part.maxRecordedMs),
    });
    for (const [patientId, record] of batch.touched) {
      this.latest.set(patientId, record);
      const list = this.versions.get(patientId) ?? [];
      if (list.at(-1)?.end === batch.segmentEnd) list[list.length - 1] = { end: batch.segmentEnd, record };
      else list.push({ end: batch.segmentEnd, record });
      this.versions.set(patientId, list);
    }
    for (const [patientId, mark] of batch.marks) this.marks.set(patientId, mark);
    this.checkpoint = batch.to;
    return true;
  }

  segments(): SegmentStats[] {
    return [...this.stats.values()].sort((a, b) => a.end - b.end);
  }

  recordsAt(segmentEnd: number, patientIds: readonly string[]): Map<string, PatientRecord> {
    const found = new Map<string, PatientRecord>();
    for (const patientId of patientIds) {
      const before = (this.versions.get(patientId) ?? []).filter((v) => v.end <= segmentEnd);
      if (before.length > 0) found.set(patientId, before[before.length - 1].record);
    }
    return found;
  }

  close(): void {}
}
