/**
 * How corrections and retractions apply: the effective record of one patient, folded from its stream.
 * It is part of the event contract, so both the decider and the projections fold with it and a
 * correction can never mean one thing on the write side and another in an analysis.
 */
import type { IsoDate } from '../shared/dates';
import type {
  ContactRecorded,
  DeathRecorded,
  DiagnosisRecorded,
  LesionOnsetRecorded,
  PatientEnrolled,
  PatientFact,
  RecordedPatientEvent,
  ResponseGraded,
  TreatmentStarted,
  TreatmentStopped,
} from './patient.events';
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
const NONE: readonly never[] = Object.freeze([]);

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
function entryWith(entry: Entry, patch: Partial<Pick<Entry, 'data' | 'corrections' | 'retractions'>>): Entry {
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
 * The record as it stood when only the events `known` admits had been recorded: the same as folding
 * those events alone (log order kept), computed from the stamps. null when none of its facts is known.
 * `firstEntries`: the caller knows that the cut holds exactly the record's first so many entries
 * (history.cut.ts finds them by bisection), so their own stamps need not be looked at again, and the
 * record is then a view of the live one (RecordAsKnown) whose entries are made only if asked for.
 */
export function recordAsKnown(record: PatientRecord, known: (stamp: Stamp) => boolean, firstEntries?: number): PatientRecord | null {
  if (firstEntries === undefined) {
    const entries = record.entries.filter(known);
    if (entries.length === 0) return null;
    for (let i = 0; i < entries.length; i++) entries[i] = entryAsKnown(entries[i], known);
    let enrolment = entries.length - 1;
    while (enrolment >= 0 && entries[enrolment].type !== 'PatientEnrolled') enrolment -= 1;
    const { patientId, researchAuthorization, authorizationChanges } = identityAsKnown(record, entries, enrolment, known);
    return { patientId, researchAuthorization, entries, authorizationChanges };
  }
  if (firstEntries === 0) return null;
  const types = typesOf(record);
  const enrolment = types.lastIndexOf(TYPE_CODE.PatientEnrolled, firstEntries - 1);
  const { patientId, researchAuthorization, authorizationChanges } = identityAsKnown(record, record.entries, enrolment, known);
  const source = { entries: record.entries, types, amended: amendedOf(record), count: firstEntries, known };
  return new RecordAsKnown(patientId, researchAuthorization, authorizationChanges, source);
}

/** Who the patient was at the cut: from its last enrolment known (-1: none), unless an authorization change known since says otherwise. */
function identityAsKnown(record: PatientRecord, entries: readonly Entry[], enrolment: number, known: (stamp: Stamp) => boolean): Omit<PatientRecord, 'entries'> {
  let patientId: string | null = null;
  let researchAuthorization: ResearchAuthorization | null = null;
  if (enrolment >= 0) ({ patientId, researchAuthorization } = entries[enrolment].original as PatientEnrolled['data']);
  const authorizationChanges = record.authorizationChanges.length === 0 ? NONE : record.authorizationChanges.filter(known);
  if (authorizationChanges.length > 0) researchAuthorization = authorizationChanges[authorizationChanges.length - 1].researchAuthorization;
  return { patientId, researchAuthorization, authorizationChanges };
}

function entryAsKnown(entry: Entry, known: (stamp: Stamp) => boolean): Entry {
  if (entry.corrections.length === 0 && entry.retractions.length === 0) return entry;
  const corrections = entry.corrections.filter(known);
  const retractions = entry.retractions.filter(known);
  if (corrections.length === entry.corrections.length && retractions.length === entry.retractions.length) return entry;
  return entryWith(entry, { data: dataWith(entry, corrections), corrections, retractions });
}

/** The payload of an entry as first recorded with these of its corrections applied. */
const dataWith = (entry: Entry, corrections: readonly Correction[]): Live<PatientFact> =>
  corrections.reduce((data, c) => payloadWith(entry.type, data, c.changes, { eventId: entry.eventId }), entry.original);

/**
 * The payload of an amended entry as a cut knew it, without making the entry as known: null when the
 * cut knew of a retraction; the live payload when it knew every correction; the entry itself (its
 * payload as first recorded) when it knew none, as for most facts a late correction touched.
 */
function knownData(entry: Entry, known: (stamp: Stamp) => boolean): Live<PatientFact> | null {
  const { corrections, retractions } = entry;
  for (let r = 0; r < retractions.length; r++) if (known(retractions[r])) return null;
  let knownCorrections = 0;
  for (let c = 0; c < corrections.length; c++) if (known(corrections[c])) knownCorrections += 1;
  if (knownCorrections === corrections.length) return entry.data;
  return knownCorrections === 0 ? entry.original : dataWith(entry, corrections.filter(known));
}

/**
 * A record as a cut that knows its live record's first entries knew it: a dataset makes one for each
 * patient of a historical cut and mostly only derives its facts (liveFacts and liveFactsOf read them
 * off the live entries), so the entries as known, a copy of the list and an entry made again for each amended one,
 * are made only when asked for. A view to read, not to fold: its entries are not an own property.
 */
class RecordAsKnown implements PatientRecord {
  readonly #source: FactSource;
  #entries: readonly Entry[] | undefined;

  constructor(
    readonly patientId: string | null,
    readonly researchAuthorization: ResearchAuthorization | null,
    readonly authorizationChanges: readonly (Stamp & { researchAuthorization: ResearchAuthorization })[],
    source: FactSource,
  ) {
    this.#source = source;
  }

  get entries(): readonly Entry[] {
    if (this.#entries !== undefined) return this.#entries;
    const { entries: live, count, amended, known } = this.#source;
    const entries = live.slice(0, count);
    for (const i of amended) {
      if (i >= count) break;
      entries[i] = entryAsKnown(entries[i], known!);
    }
    return (this.#entries = entries);
  }

  static sourceOf(record: PatientRecord): FactSource | undefined {
    return record instanceof RecordAsKnown ? record.#source : undefined;
  }
}

/**
 * Where a record's facts are read from: its live entries, their types and which of them are amended;
 * of a record as a cut knew it, how many first entries the cut knows and what it knows of their
 * amendments (`known`; null: all of them).
 */
interface FactSource {
  entries: readonly Entry[];
  types: string;
  amended: readonly number[];
  count: number;
  known: ((stamp: Stamp) => boolean) | null;
}

const sourceOf = (record: PatientRecord): FactSource =>
  RecordAsKnown.sourceOf(record) ?? { entries: record.entries, types: typesOf(record), amended: amendedOf(record), count: record.entries.length, known: null };

/** The payload of an amended entry as the source knows it; null when retracted. */
const amendedData = (entry: Entry, known: FactSource['known']): Live<PatientFact> | null =>
  known === null ? (entry.retracted ? null : entry.data) : knownData(entry, known);

/**
 * Where a record's amended entries (corrected or retracted) are, and the type of each of its entries,
 * remembered on the record. Entries are of as many shapes as there are payloads, so each look at an
 * entry's own fields (its type too: a getter of one of eight classes) costs several times a look at
 * one shape's, and a read of the entry from memory; with these, a cut and liveFacts look at the few
 * entries that need it, and a walk for one kind of fact (liveFactsOf) at the entries of that kind.
 */
const amendedOf = (record: PatientRecord): readonly number[] => rememberedOn(record, AMENDED, amendedEntries);
const typesOf = (record: PatientRecord): string => rememberedOn(record, TYPES, entryTypes);
// module-level functions: a closure made at each look-up was most of what a cut allocated per record besides its facts
const amendedEntries = ({ entries }: PatientRecord) => indicesOf(entries, isAmended);
/** One character an entry (TYPE_CODE): about 50 bytes a record, a flat string read a character at a time. */
const entryTypes = ({ entries }: PatientRecord) => entries.map((entry) => TYPE_CODE[entry.type]).join('');

/** The character of each fact type: its place in FACT_TYPES from "A" on (liveFactsOf reckons it so). */
const TYPE_CODE = Object.fromEntries(FACT_TYPES.map((type, i) => [type, String.fromCharCode(65 + i)])) as Record<PatientFact['type'], string>;

/** The positions of the entries that pass `test`; the usual lists shared, the others cut to size (a registry has 100,000 records). */
function indicesOf(entries: readonly Entry[], test: (entry: Entry) => boolean): readonly number[] {
  const found: number[] = [];
  for (let i = 0; i < entries.length; i++) if (test(entries[i])) found.push(i);
  return found.length === 0 ? NO_INDEX : found.length === 1 && found[0] === 0 ? FIRST_ONLY : found.slice();
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

/** The record with its entry index made now rather than at the first cut (a restart loads every record at once). */
export function indexed(record: PatientRecord): PatientRecord {
  amendedOf(record);
  typesOf(record);
  return record;
}

const isAmended = (entry: Entry) => entry.data !== entry.original || entry.corrections.length > 0 || entry.retractions.length > 0;
const AMENDED = Symbol('amendedEntries');
const TYPES = Symbol('entryTypes');
const NO_INDEX: readonly number[] = NONE;
const FIRST_ONLY: readonly number[] = Object.freeze([0]);

/**
 * How many events of the patient `known` admits (facts, corrections, retractions and authorization
 * changes; a correction counts even where the cut does not hold its fact), and how many of them are
 * facts. Counted without making the record as known, so a cut can size itself before it makes any.
 * `firstEntries` as for recordAsKnown.
 */
export function countKnownEvents(record: PatientRecord, known: (stamp: Stamp) => boolean, firstEntries?: number): { events: number; facts: number } {
  let amendments = 0;
  let facts = firstEntries ?? 0;
  for (const change of record.authorizationChanges) if (known(change)) amendments += 1;
  const { entries } = record;
  if (firstEntries === undefined) for (let i = 0; i < entries.length; i++) if (known(entries[i])) facts += 1;
  for (const i of amendedOf(record)) {
    const { corrections, retractions } = entries[i];
    for (let c = 0; c < corrections.length; c++) if (known(corrections[c])) amendments += 1;
    for (let r = 0; r < retractions.length; r++) if (known(retractions[r])) amendments += 1;
  }
  return { events: facts + amendments, facts };
}

export type Live<F extends PatientFact> = F['data'] & { eventId: string };
/** The live payload of each fact type, by type. */
export type LiveOf = { [F in PatientFact as F['type']]: Live<F> };

/** The facts that stand now: retracted entries dropped, corrections applied, in log order. */
export interface PatientFacts {
  enrolment: (Live<PatientEnrolled> & { researchAuthorization: ResearchAuthorization }) | null;
  diagnoses: Live<DiagnosisRecorded>[];
  lesions: Live<LesionOnsetRecorded>[];
  treatments: Live<TreatmentStarted>[];
  stops: Live<TreatmentStopped>[];
  responses: Live<ResponseGraded>[];
  contacts: Live<ContactRecorded>[];
  deaths: Live<DeathRecorded>[];
}

/**
 * Not remembered here: a dataset looks at each record once, and keeping the facts of every record
 * of a registry would hold as much memory again as the records. The decider remembers its own.
 */
export function liveFacts(record: PatientRecord): PatientFacts {
  const facts = noFacts();
  eachLiveFact(record, (type, data) => {
    if (type === 'PatientEnrolled') facts.enrolment = enrolmentFact(record, data);
    else facts[LIST_OF[type]].push(data as never);
  });
  return facts;
}

const noFacts = (): PatientFacts => ({
  enrolment: null,
  diagnoses: [],
  lesions: [],
  treatments: [],
  stops: [],
  responses: [],
  contacts: [],
  deaths: [],
});

/**
 * Each fact that stands now, with its type, in log order: what liveFacts collects. Of a record as a
 * cut knew it (RecordAsKnown), the facts are read off the live entries the cut knows, the few amended
 * ones as the cut knew them, so the entries as known are never made.
 */
function eachLiveFact(record: PatientRecord, visit: (type: PatientFact['type'], data: Live<PatientFact>) => void): void {
  // each entry's type from the entry, not from the record's types: the decider derives the facts of
  // each new record once, and making the types string too would double that
  const cut = RecordAsKnown.sourceOf(record);
  const entries = cut?.entries ?? record.entries;
  const amended = cut?.amended ?? amendedOf(record);
  const count = cut?.count ?? entries.length;
  const known = cut?.known ?? null;
  for (let i = 0, next = 0; i < count; i++) {
    const entry = entries[i];
    // an entry never amended is its own payload (FactEntry)
    let data: Live<PatientFact> | null = entry as unknown as Live<PatientFact>;
    if (amended[next] === i) {
      next += 1;
      data = amendedData(entry, known);
      if (data === null) continue;
    }
    visit(entry.type, data);
  }
}

/**
 * The facts of one type that stand now, in log order, in a new list of its size: the entries of
 * other types are not looked at.
 */
export function liveFactsOf<T extends PatientFact['type']>(record: PatientRecord, type: T): LiveOf[T][] {
  const { entries, types, amended, count, known } = sourceOf(record);
  // char codes read one by one: a call of String#indexOf per fact cost more than the whole scan;
  // and the code found among eight names, where a look-up by name met every name at one place
  const code = 65 + FACT_TYPES.indexOf(type);
  let most = 0;
  for (let i = 0; i < count; i++) if (types.charCodeAt(i) === code) most += 1;
  const facts = new Array<LiveOf[T]>(most);
  let kept = 0;
  for (let i = 0, next = 0; kept < most && i < count; i++) {
    if (types.charCodeAt(i) !== code) continue;
    let data: Live<PatientFact> | null = entries[i] as unknown as Live<PatientFact>;
    while (next < amended.length && amended[next] < i) next += 1;
    if (amended[next] === i) {
      data = amendedData(entries[i], known);
      if (data === null) {
        most -= 1;
        continue;
      }
    }
    facts[kept++] = data as unknown as LiveOf[T];
  }
  if (kept < facts.length) facts.length = kept; // a fact retracted (setting the length is a call into the runtime)
  return facts;
}

/**
 * The enrolment fact: the payload with the record's research authorization, which later changes may
 * have replaced; the payload itself while they have not (as most records stand), like any other fact.
 */
export function enrolmentFact(record: PatientRecord, data: Live<PatientFact>): NonNullable<PatientFacts['enrolment']> {
  const enrolment = data as Live<PatientEnrolled>;
  if (enrolment.researchAuthorization === record.researchAuthorization) return enrolment;
  return Object.assign(new EnrolmentFact(), enrolment, { researchAuthorization: record.researchAuthorization! });
}

/** A class of its own for the reason payloadWith gives: a spread copy of a payload was a few times its size. */
class EnrolmentFact {}

/** Which list of PatientFacts holds each kind of fact (the enrolment is a field of its own). */
const LIST_OF: Record<Exclude<PatientFact['type'], 'PatientEnrolled'>, Exclude<keyof PatientFacts, 'enrolment'>> = {
  DiagnosisRecorded: 'diagnoses',
  LesionOnsetRecorded: 'lesions',
  TreatmentStarted: 'treatments',
  TreatmentStopped: 'stops',
  ResponseGraded: 'responses',
  ContactRecorded: 'contacts',
  DeathRecorded: 'deaths',
};

/**
 * liveFacts of `record` after `entry`, a new fact other than the enrolment, was appended to it, from
 * the facts of `record` before: one list is copied with the fact added, the others are shared. A
 * decider checks a patient's commands one by one, so deriving the facts anew for each would make a
 * patient's check quadratic in its facts.
 */
export function withNewFact(facts: PatientFacts, entry: Entry): PatientFacts {
  if (entry.type === 'PatientEnrolled' || entry.retracted) throw new RangeError(`withNewFact takes a new fact other than the enrolment, not ${entry.type}`);
  const { enrolment, diagnoses, lesions, treatments, stops, responses, contacts, deaths } = facts;
  // a literal of the same shape as liveFacts's, not a spread with a computed key: made for every fact a decider checks
  const next: PatientFacts = { enrolment, diagnoses, lesions, treatments, stops, responses, contacts, deaths };
  const list = LIST_OF[entry.type];
  (next[list] as unknown[]) = [...facts[list], entry.data];
  return next;
}

/** The clinical date of each kind of fact: what date rules and valid-time cut-offs look at. */
export function dateOf(type: PatientFact['type'], data: PatientFact['data']): IsoDate {
  return (data as unknown as Record<string, IsoDate>)[DATE_FIELD[type]];
}

export const DATE_FIELD: Record<PatientFact['type'], string> = {
  PatientEnrolled: 'birthDate',
  DiagnosisRecorded: 'diagnosedOn',
  LesionOnsetRecorded: 'onsetOn',
  TreatmentStarted: 'startedOn',
  TreatmentStopped: 'stoppedOn',
  ResponseGraded: 'assessedOn',
  ContactRecorded: 'seenOn',
  DeathRecorded: 'diedOn',
};
