/**
 * The cohort as the record stood at a knowledge cut, from the live records alone: each record keeps
 * the stamps (position, recordedAt) of its facts, corrections and retractions, so
 * - a patient all of whose events lie inside the cut is as the live read model has them (same object,
 *   so whatever a dataset derived from it before is reused);
 * - any other patient is their live record filtered to what the cut knew (recordAsKnown).
 * No log is read and nothing is awaited: the live maps cannot move under the cut. The cut is taken
 * over the log up to the live read model's position (the manifest's `position`).
 *
 * The filtered records are made when a consumer reaches them and not kept: a dataset over 100,000
 * patients then holds one patient's cut record at a time, and what it leaves behind dies young
 * instead of filling the old generation the garbage collector has to mark. And of a record whose
 * recordedAt never goes back (most do), a cut knows a prefix of the entries, found by bisection.
 */
import { rememberedOn, type Entry, type PatientRecord, type Stamp } from '../patients/patient.record';
import { countKnownEvents, recordAsKnown } from '../patients/patient.recordAsKnown';
import { epochMsOfInstant } from '../shared/dates';
import type { CohortState, KnowledgeCut } from '../../projections/cohort.fold';
import type { PatientMark } from './readModel.storage';

export interface LiveView {
  records: ReadonlyMap<string, PatientRecord>;
  marks: ReadonlyMap<string, PatientMark>;
  position: number;
}

export function cohortAtCut(cut: KnowledgeCut, live: LiveView): CohortState {
  const last = Math.min(cut.atPosition ?? live.position, live.position);
  const knownAtMs = cut.knownAt === undefined ? Infinity : epochMsOfInstant(cut.knownAt);
  const records = new RecordsAtCut(live, last, knownAtMs);
  return { records, position: last, eventsFolded: records.eventsFolded };
}

/** The live records seen through a cut: a read-only map whose values are made on each look-up. */
class RecordsAtCut implements ReadonlyMap<string, PatientRecord> {
  private readonly known: (stamp: Stamp) => boolean;
  /** knownAt in the canonical form, or null when there is none to compare or it has no such form */
  private readonly knownAt: string | null;
  /** the patients with a fact inside the cut, in the live map's order, with their live records */
  private readonly ids: string[] = [];
  private readonly latest: PatientRecord[] = [];
  /** per patient: WHOLE, LOOK_AT_EACH, or how many first entries the cut knows */
  private readonly cuts: number[] = [];
  /** position in `ids` by patient id, made on the first look-up by id (datasets only iterate) */
  private index: Map<string, number> | undefined;
  eventsFolded = 0;

  constructor(
    live: LiveView,
    private readonly last: number,
    private readonly knownAtMs: number,
  ) {
    this.known = stampFilter(last, knownAtMs);
    const canonical = Number.isFinite(knownAtMs) ? new Date(knownAtMs).toISOString() : '';
    this.knownAt = isCanonical(canonical) ? canonical : null;
    const all = () => true;
    // The live maps list the patients in one order (both grow as patients come), so each one's record
    // is mostly the next one, found without a look-up by id: 100,000 look-ups in a map too large for
    // the cache cost several times the walk. forEach, not for-of: no entry pair per patient.
    const ids = live.records.keys();
    const records = live.records.values();
    live.marks.forEach((mark, patientId) => {
      const inStep = ids.next().value === patientId;
      const next = records.next().value;
      const latest = inStep ? next! : live.records.get(patientId)!;
      const whole = mark.lastPosition <= last && mark.maxRecordedMs <= knownAtMs;
      if (!whole && loggedAfter(latest, last)) return;
      const prefix = whole ? undefined : this.knownPrefix(latest);
      const { events, facts } = countKnownEvents(latest, whole ? all : this.known, whole ? latest.entries.length : prefix);
      this.eventsFolded += events;
      if (facts === 0) return;
      this.ids.push(patientId);
      this.latest.push(latest);
      this.cuts.push(whole ? WHOLE : (prefix ?? LOOK_AT_EACH));
    });
  }

  private recordAt(i: number): PatientRecord {
    const cut = this.cuts[i];
    if (cut === WHOLE) return this.latest[i];
    return recordAsKnown(this.latest[i], this.known, cut === LOOK_AT_EACH ? undefined : cut)!;
  }

  get size(): number {
    return this.ids.length;
  }

  private indexOf(patientId: string): number | undefined {
    this.index ??= new Map(this.ids.map((id, i) => [id, i]));
    return this.index.get(patientId);
  }

  has(patientId: string): boolean {
    return this.indexOf(patientId) !== undefined;
  }

  get(patientId: string): PatientRecord | undefined {
    const i = this.indexOf(patientId);
    return i === undefined ? undefined : this.recordAt(i);
  }

  keys(): MapIterator<string> {
    return asMapIterator(this.ids.values());
  }

  values(): MapIterator<PatientRecord> {
    return asMapIterator((function* (cut: RecordsAtCut) {
      for (let i = 0; i < cut.ids.length; i++) yield cut.recordAt(i);
    })(this));
  }

  entries(): MapIterator<[string, PatientRecord]> {
    return asMapIterator((function* (cut: RecordsAtCut) {
      for (let i = 0; i < cut.ids.length; i++) yield [cut.ids[i], cut.recordAt(i)] as [string, PatientRecord];
    })(this));
  }

  [Symbol.iterator](): MapIterator<[string, PatientRecord]> {
    return this.entries();
  }

  /** How a dataset walks the cut (byAnalysisPatient): no entry pair and iterator result per patient. */
  forEach(callback: (value: PatientRecord, key: string, map: ReadonlyMap<string, PatientRecord>) => void, thisArg?: unknown): void {
    for (let i = 0; i < this.ids.length; i++) callback.call(thisArg, this.recordAt(i), this.ids[i], this);
  }

  /**
   * How many entries of the record the cut knows, when those are its first ones (its entries'
   * recordedAt, in the canonical form, never go back); undefined when each has to be looked at.
   */
  private knownPrefix(record: PatientRecord): number | undefined {
    const timed = this.knownAtMs !== Infinity;
    if ((timed && this.knownAt === null) || !recordedInOrder(record)) return undefined;
    const { entries } = record;
    const knownAt = timed ? this.knownAt! : null;
    const { last } = this;
    // the last entry first: a late cut knows every fact of most patients and misses at most later amendments
    if (entries.length === 0 || knows(entries[entries.length - 1], last, knownAt)) return entries.length;
    let inside = 0;
    let outside = entries.length - 1;
    while (inside < outside) {
      const middle = (inside + outside) >>> 1;
      if (knows(entries[middle], last, knownAt)) inside = middle + 1;
      else outside = middle;
    }
    return inside;
  }
}

/** Whether a cut up to `last` and `knownAt` (canonical; null: any time) knows an entry whose recordedAt is canonical. */
const knows = (entry: Entry, last: number, knownAt: string | null) => entry.position <= last && (knownAt === null || entry.recordedAt <= knownAt);

/**
 * Whether every event of the record lies after position `last`: its first fact does, and it has no
 * authorization change (those are not facts). A correction or retraction is logged after its fact,
 * so after the first one too. An early cut skips most of a registry with this one look.
 */
const loggedAfter = ({ entries, authorizationChanges }: PatientRecord, last: number) =>
  authorizationChanges.length === 0 && entries.length > 0 && entries[0].position > last;

const WHOLE = -1;
const LOOK_AT_EACH = -2;

/**
 * Whether a record's entries' recordedAt are canonical and never go back along the log, so that every
 * cut knows a prefix of them.
 */
const recordedInOrder = (record: PatientRecord): boolean => rememberedOn(record, IN_ORDER, inOrder);

function inOrder({ entries }: PatientRecord): boolean {
  for (let i = 0; i < entries.length; i++) {
    if (!isCanonical(entries[i].recordedAt) || (i > 0 && entries[i].recordedAt < entries[i - 1].recordedAt)) return false;
  }
  return true;
}

const IN_ORDER = Symbol('recordedInOrder');

/** TypeScript's MapIterator names Symbol.dispose, which Node 20's own Map iterators do not have either. */
const asMapIterator = <T>(iterator: Iterator<T>) => iterator as unknown as MapIterator<T>;

/**
 * Whether a stamp is inside the cut. recordedAt is compared by value; the shell's clock writes the
 * canonical 24-character UTC form, whose text order is its time order, so only other forms are parsed.
 */
function stampFilter(last: number, knownAtMs: number): (stamp: Stamp) => boolean {
  if (knownAtMs === Infinity) return (s) => s.position <= last;
  const byValue = (s: Stamp) => epochMsOfInstant(s.recordedAt) <= knownAtMs;
  const knownAt = Number.isFinite(knownAtMs) ? new Date(knownAtMs).toISOString() : '';
  if (!isCanonical(knownAt)) return (s) => s.position <= last && byValue(s);
  return (s) => s.position <= last && (isCanonical(s.recordedAt) ? s.recordedAt <= knownAt : byValue(s));
}

/** The form Date#toISOString writes for years 0000-9999 (YYYY-MM-DDTHH:mm:ss.sssZ), checked by its fixed characters. */
function isCanonical(instant: string): boolean {
  return (
    instant.length === 24 &&
    instant.charCodeAt(4) === 45 && // -
    instant.charCodeAt(7) === 45 &&
    instant.charCodeAt(10) === 84 && // T
    instant.charCodeAt(13) === 58 && // :
    instant.charCodeAt(16) === 58 &&
    instant.charCodeAt(19) === 46 && // .
    instant.charCodeAt(23) === 90 // Z
  );
}
