/**
 * How corrections and retractions apply: the effective record of one patient, folded from its stream.
 * It is part of the event contract, so both the decider and the projections fold with it and a
 * correction can never mean one thing on the write side and another in an analysis.
 */
import type { PatientFact, RecordedPatientEvent } from './patient.events';
import { FACT_TYPES } from './patient.events';
import type { ResearchAuthorization } from './patient.vocabulary';
import { eraseRecord, type ErasureMode } from './patient.erasure';

/** Where an event stands in knowledge time: its log position (0 before it is stored) and recordedAt. */
export interface Stamp {
  position: number;
  recordedAt: string;
}

export interface Correction extends Stamp {
  changes: Readonly<Record<string, unknown>>;
}

export type Live<F extends PatientFact> = F['data'] & { eventId: string };

export interface Entry<F extends PatientFact = PatientFact> extends Stamp {
  eventId: string;
  type: F['type'];
  /**
   * the payload with every correction recorded so far applied, and the entry's eventId: what
   * liveFacts hands out as it is, so deriving the facts of a record copies no payload
   */
  data: Live<F>;
  /** the same as first recorded (the same object as `data` until a correction arrives) */
  original: Live<F>;
  /** the corrections of this fact, in log order */
  corrections: readonly Correction[];
  /** in log order; a fact retracted twice (only a log written by hand has that) keeps both stamps */
  retractions: readonly Stamp[];
  retracted: boolean;
}

/**
 * The effective record, and with it the whole knowledge-time history of the patient: every fact
 * keeps its stamp, its original payload and its stamped corrections and retraction, so the record
 * as it was known at any earlier cut is a filter of this one (recordAsKnown), not a second fold.
 */
export interface PatientRecord {
  patientId: string | null;
  researchAuthorization: ResearchAuthorization | null;
  /** every fact ever recorded, retracted ones included, in log order */
  entries: readonly Entry[];
  authorizationChanges: readonly (Stamp & { researchAuthorization: ResearchAuthorization })[];
  /** set once the identity is erased (patient.erasure.ts): the record then holds no identifying data */
  erased?: ErasureMode;
}

export const emptyRecord = (): PatientRecord => ({
  patientId: null,
  researchAuthorization: null,
  entries: [],
  authorizationChanges: [],
});

const FACT_TYPE_SET: ReadonlySet<string> = new Set(FACT_TYPES);
const isFactType = (type: string): type is PatientFact['type'] => FACT_TYPE_SET.has(type);

/** Shared by every entry never corrected or retracted: millions of facts, almost none ever are. */
export const NONE: readonly never[] = Object.freeze([]);

/** The fact recorded by `eventId` (corrections are rare, so a scan beats keeping an index per record). */
export function entryOf(record: PatientRecord, eventId: string): Entry | undefined {
  for (let i = record.entries.length - 1; i >= 0; i--) if (record.entries[i].eventId === eventId) return record.entries[i];
  return undefined;
}

function replaceEntry(record: PatientRecord, eventId: string, change: (entry: Entry) => Entry): PatientRecord {
  const index = record.entries.findIndex((e) => e.eventId === eventId);
  if (index < 0) return record;
  const entries = record.entries.slice();
  entries[index] = change(entries[index]);
  return recordWith(record, { entries });
}

export function applyToRecord(record: PatientRecord, event: RecordedPatientEvent): PatientRecord {
  const stamp: Stamp = { position: event.position ?? 0, recordedAt: event.recordedAt };
  switch (event.type) {
    case 'EntryCorrected': {
      const { changes } = event.data;
      return replaceEntry(record, event.data.eventId, (entry) =>
        entryWith(entry, {
          data: payloadWith(entry.type, entry.data, changes, { eventId: entry.eventId }),
          corrections: [...entry.corrections, { ...stamp, changes }],
        }),
      );
    }
    case 'EntryRetracted':
      return replaceEntry(record, event.data.eventId, (entry) => entryWith(entry, { retractions: [...entry.retractions, stamp] }));
    case 'ResearchAuthorizationChanged': {
      const { researchAuthorization } = event.data;
      return recordWith(record, { researchAuthorization, authorizationChanges: [...record.authorizationChanges, { ...stamp, researchAuthorization }] });
    }
    case 'IdentityErased': {
      // the erasure scrubs plain values by field name; the entries are made again from what it leaves
      const erased = eraseRecord({ ...record, entries: record.entries.map(plainEntry) }, event);
      return { ...erased, entries: erased.entries.map((e) => entryOfFields(e.position, e.recordedAt, e.type, e.data, e.original, e.corrections, e.retractions)) };
    }
    default:
      return isFactType(event.type) ? foldRecord(record, [event]) : record;
  }
}

const plainEntry = ({ position, recordedAt, eventId, type, data, original, corrections, retractions, retracted }: Entry): Entry => ({
  position,
  recordedAt,
  eventId,
  type,
  data,
  original,
  corrections,
  retractions,
  retracted,
});

function newEntry(event: RecordedPatientEvent & { type: PatientFact['type'] }): Entry {
  return Object.assign(new ENTRY_CLASS[event.type](event.position ?? 0, event.recordedAt, null), event.data, { eventId: event.eventId });
}

/**
 * Every entry is made here, as a FactEntry holding the fields of `original` (`eventId` among them, as
 * a Live payload carries it).
 */
export function entryOfFields(
  position: number,
  recordedAt: string,
  type: PatientFact['type'],
  data: Live<PatientFact>,
  original: Live<PatientFact>,
  corrections: readonly Correction[],
  retractions: readonly Stamp[],
): Entry {
  const amended = original !== data || corrections.length > 0 || retractions.length > 0;
  const amendments = amended ? { data: original === data ? null : data, corrections, retractions } : null;
  return Object.assign(new ENTRY_CLASS[type](position, recordedAt, amendments), original);
}

/** What an entry keeps once its fact is corrected or retracted; null for the great many never touched. */
export interface Amendments {
  /** the payload with its corrections applied; null while it is the entry itself (a fact retracted, never corrected) */
  data: Live<PatientFact> | null;
  corrections: readonly Correction[];
  retractions: readonly Stamp[];
}

/**
 * An entry as the read model keeps millions of them: one object that is both the entry and its
 * payload as first recorded. The payload's fields (its eventId among them) are the object's own
 * fields, so whatever copies, spreads, serialises or compares a payload sees the payload alone; the
 * stamp and the amendments are private fields, read through the getters below. An entry object
 * beside its payload object took 64 bytes a fact more.
 */
abstract class FactEntry implements Entry {
  declare readonly eventId: string;
  abstract readonly type: PatientFact['type'];
  readonly #position: number;
  readonly #recordedAt: string;
  readonly #amendments: Amendments | null;

  constructor(position: number, recordedAt: string, amendments: Amendments | null) {
    this.#position = position;
    this.#recordedAt = recordedAt;
    this.#amendments = amendments;
  }

  get position(): number {
    return this.#position;
  }

  get recordedAt(): string {
    return this.#recordedAt;
  }

  get data(): Live<PatientFact> {
    return this.#amendments?.data ?? this.original;
  }

  get original(): Live<PatientFact> {
    return this as unknown as Live<PatientFact>;
  }

  get corrections(): readonly Correction[] {
    return this.#amendments?.corrections ?? NONE;
  }

  get retractions(): readonly Stamp[] {
    return this.#amendments?.retractions ?? NONE;
  }

  get retracted(): boolean {
    return this.#amendments !== null && this.#amendments.retractions.length > 0;
  }
}

/**
 * One FactEntry class for each fact type (its `type` on the prototype), so V8 sizes each type's
 * objects to the fields that type's payloads have.
 */
const ENTRY_CLASS = Object.fromEntries(
  FACT_TYPES.map((type) => [
    type,
    class extends FactEntry {
      get type() {
        return type;
      }
    },
  ]),
) as unknown as Record<PatientFact['type'], new (position: number, recordedAt: string, amendments: Amendments | null) => FactEntry>;

/**
 * A payload with fields laid over it (a corrected payload), as an object of its fact type's own
 * class: V8 sizes a class's objects to the fields its instances get, where a copy into `{}` keeps the
 * fields past the fourth in a second allocation (and a spread copy gets a few hundred bytes of slack).
 */
export function payloadWith(type: PatientFact['type'], payload: object, ...fields: object[]): Live<PatientFact> {
  return Object.assign(new PAYLOAD_CLASS[type](), payload, ...fields) as Live<PatientFact>;
}

const payloadClass = () => class Payload {};
const PAYLOAD_CLASS: Record<PatientFact['type'], new () => object> = Object.fromEntries(FACT_TYPES.map((type) => [type, payloadClass()])) as never;

/** A record with fields replaced (Object.assign for the reason payloadWith gives). */
const recordWith = (record: PatientRecord, fields: Partial<PatientRecord>): PatientRecord => Object.assign({}, record, fields);

/** The entry with some of its changeable fields replaced (`retracted` follows from the retractions). */
export function entryWith(entry: Entry, patch: Partial<Pick<Entry, 'data' | 'corrections' | 'retractions'>>): Entry {
  const { position, recordedAt, type, original } = entry;
  return entryOfFields(position, recordedAt, type, patch.data ?? entry.data, original, patch.corrections ?? entry.corrections, patch.retractions ?? entry.retractions);
}

/**
 * applyToRecord over a run of one patient's events, in order. A run of new facts (what a rebuild and
 * an import mostly fold) copies the record's list of entries once, not once per fact.
 */
export function foldRecord(record: PatientRecord, events: readonly RecordedPatientEvent[]): PatientRecord {
  let current = record;
  for (let i = 0; i < events.length; ) {
    if (!isFactType(events[i].type)) {
      current = applyToRecord(current, events[i++]);
      continue;
    }
    const entries = current.entries.slice();
    let { patientId, researchAuthorization } = current;
    for (; i < events.length && isFactType(events[i].type); i++) {
      const event = events[i] as RecordedPatientEvent & { type: PatientFact['type'] };
      entries.push(newEntry(event));
      if (event.type === 'PatientEnrolled') ({ patientId, researchAuthorization } = event.data);
    }
    current = recordWith(current, { patientId, researchAuthorization, entries });
  }
  return current;
}

/**
 * What a record derives once and keeps, remembered on the record itself (a record is never changed,
 * only replaced) under a symbol and not enumerable, so neither the codec nor a copy of the record takes
 * it along. A WeakMap of 100,000 records had made each collection of the old generation slower than
 * deriving the value again on every use.
 */
export function rememberedOn<T>(record: PatientRecord, key: symbol, derive: (record: PatientRecord) => T): T {
  const remembered = (record as unknown as Record<symbol, T | undefined>)[key];
  if (remembered !== undefined) return remembered;
  const value = derive(record);
  Object.defineProperty(record, key, { value });
  return value;
}
