/**
 * The record as a historical cut knew it: a filter of the live record by the stamps it keeps, never a
 * second fold.
 */
import type { PatientEnrolled, PatientFact } from './patient.events';
import type { ResearchAuthorization } from './patient.vocabulary';
import { entryWith, NONE, payloadWith, type Correction, type Entry, type Live, type PatientRecord, type Stamp } from './patient.record';
import { amendedOf, TYPE_CODE, typesOf } from './patient.entryIndex';

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
export class RecordAsKnown implements PatientRecord {
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
export interface FactSource {
  entries: readonly Entry[];
  types: string;
  amended: readonly number[];
  count: number;
  known: ((stamp: Stamp) => boolean) | null;
}

export const sourceOf = (record: PatientRecord): FactSource =>
  RecordAsKnown.sourceOf(record) ?? { entries: record.entries, types: typesOf(record), amended: amendedOf(record), count: record.entries.length, known: null };

/** The payload of an amended entry as the source knows it; null when retracted. */
export const amendedData = (entry: Entry, known: FactSource['known']): Live<PatientFact> | null =>
  known === null ? (entry.retracted ? null : entry.data) : knownData(entry, known);

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
