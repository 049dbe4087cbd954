/**
 * The facts of a record that stand now, of a live record or of one as a cut knew it, and the clinical
 * date of each kind of fact.
 */
import type { IsoDate } from '../shared/dates';
import type {
  ContactRecorded,
  DeathRecorded,
  DiagnosisRecorded,
  LesionOnsetRecorded,
  PatientEnrolled,
  PatientFact,
  ResponseGraded,
  TreatmentStarted,
  TreatmentStopped,
} from './patient.events';
import { FACT_TYPES } from './patient.events';
import type { ResearchAuthorization } from './patient.vocabulary';
import type { Entry, Live, PatientRecord } from './patient.record';
import { amendedOf } from './patient.entryIndex';
import { amendedData, RecordAsKnown, sourceOf } from './patient.recordAsKnown';

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
