/**
 * The indexes a record keeps of its entries, read by the cut views (patient.recordAsKnown.ts) and the
 * live facts (patient.facts.ts) alike.
 */
import type { PatientFact } from './patient.events';
import { FACT_TYPES } from './patient.events';
import { NONE, rememberedOn, type Entry, type PatientRecord } from './patient.record';

/**
 * Where a record's amended entries (corrected or retracted) are, and the type of each of its entries,
 * remembered on the record. Entries are of as many shapes as there are payloads, so each look at an
 * entry's own fields (its type too: a getter of one of eight classes) costs several times a look at
 * one shape's, and a read of the entry from memory; with these, a cut and liveFacts look at the few
 * entries that need it, and a walk for one kind of fact (liveFactsOf) at the entries of that kind.
 */
export const amendedOf = (record: PatientRecord): readonly number[] => rememberedOn(record, AMENDED, amendedEntries);
export const typesOf = (record: PatientRecord): string => rememberedOn(record, TYPES, entryTypes);
// module-level functions: a closure made at each look-up was most of what a cut allocated per record besides its facts
const amendedEntries = ({ entries }: PatientRecord) => indicesOf(entries, isAmended);
/** One character an entry (TYPE_CODE): about 50 bytes a record, a flat string read a character at a time. */
const entryTypes = ({ entries }: PatientRecord) => entries.map((entry) => TYPE_CODE[entry.type]).join('');

/** The character of each fact type: its place in FACT_TYPES from "A" on (liveFactsOf reckons it so). */
export const TYPE_CODE = Object.fromEntries(FACT_TYPES.map((type, i) => [type, String.fromCharCode(65 + i)])) as Record<PatientFact['type'], string>;

/** The positions of the entries that pass `test`; the usual lists shared, the others cut to size (a registry has 100,000 records). */
function indicesOf(entries: readonly Entry[], test: (entry: Entry) => boolean): readonly number[] {
  const found: number[] = [];
  for (let i = 0; i < entries.length; i++) if (test(entries[i])) found.push(i);
  return found.length === 0 ? NO_INDEX : found.length === 1 && found[0] === 0 ? FIRST_ONLY : found.slice();
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
