/**
 * Valid time for one record: its live facts dated on or before a cut-off, each kind of fact gathered
 * when first asked for. A dataset reads a few kinds of fact of each of 100,000 patients (survival: the
 * enrolment, diagnoses, contacts and deaths), and gathering every kind read the other entries from
 * memory and made their lists for nothing.
 */
import type { PatientRecord } from '../src/patients/patient.record';
import { enrolmentFact, liveFactsOf, type LiveOf, type PatientFacts } from '../src/patients/patient.facts';
import type { PatientFact } from '../src/patients/patient.events';
import type { IsoDate } from '../src/shared/dates';

type Listed = Exclude<PatientFact['type'], 'PatientEnrolled'>;

/**
 * The clinical date of each kind of fact: one reader per kind, not a field name, so that each read
 * meets one kind of object (a look-up by name met every kind at one place and went the slow way).
 * The same fields as DATE_FIELD (patient.facts.ts); analysis.facts.spec holds them together.
 */
export const DATE_OF: { [T in Listed]: (fact: LiveOf[T]) => IsoDate } = {
  DiagnosisRecorded: (d) => d.diagnosedOn,
  LesionOnsetRecorded: (l) => l.onsetOn,
  TreatmentStarted: (t) => t.startedOn,
  TreatmentStopped: (s) => s.stoppedOn,
  ResponseGraded: (r) => r.assessedOn,
  ContactRecorded: (c) => c.seenOn,
  DeathRecorded: (d) => d.diedOn,
};

/**
 * The live facts of a record dated on or before `asOf` (all of them when it is null), the enrolment
 * whatever its date. Each list is gathered on its first read and kept; the lists are getters, so a
 * copy of the whole (a spread) must go through factsAsOf.
 */
export class FactsAsOf implements PatientFacts {
  readonly enrolment: PatientFacts['enrolment'];
  readonly #record: PatientRecord;
  readonly #asOf: IsoDate | null;
  /** whether a contact or a death was dated after the cut-off, once both are gathered */
  #aliveAfter = false;
  #diagnoses: PatientFacts['diagnoses'] | undefined;
  #lesions: PatientFacts['lesions'] | undefined;
  #treatments: PatientFacts['treatments'] | undefined;
  #stops: PatientFacts['stops'] | undefined;
  #responses: PatientFacts['responses'] | undefined;
  #contacts: PatientFacts['contacts'] | undefined;
  #deaths: PatientFacts['deaths'] | undefined;

  constructor(record: PatientRecord, asOf: IsoDate | null) {
    this.#record = record;
    this.#asOf = asOf;
    const enrolments = liveFactsOf(record, 'PatientEnrolled');
    this.enrolment = enrolments.length === 0 ? null : enrolmentFact(record, enrolments[enrolments.length - 1]);
  }

  get diagnoses() {
    return (this.#diagnoses ??= this.#dated('DiagnosisRecorded'));
  }
  get lesions() {
    return (this.#lesions ??= this.#dated('LesionOnsetRecorded'));
  }
  get treatments() {
    return (this.#treatments ??= this.#dated('TreatmentStarted'));
  }
  get stops() {
    return (this.#stops ??= this.#dated('TreatmentStopped'));
  }
  get responses() {
    return (this.#responses ??= this.#dated('ResponseGraded'));
  }
  get contacts() {
    return (this.#contacts ??= this.#dated('ContactRecorded'));
  }
  get deaths() {
    return (this.#deaths ??= this.#dated('DeathRecorded'));
  }

  /** A contact or a death dated after the cut-off: the record shows the patient alive at it. */
  get aliveAfter(): boolean {
    void this.contacts;
    void this.deaths;
    return this.#aliveAfter;
  }

  #dated<T extends Listed>(type: T): LiveOf[T][] {
    const facts = liveFactsOf(this.#record, type);
    const asOf = this.#asOf;
    if (asOf === null) return facts;
    const dateOf = DATE_OF[type] as (fact: LiveOf[T]) => IsoDate;
    // the later facts dropped in place, order kept: no second list
    let kept = 0;
    for (let i = 0; i < facts.length; i++) {
      if (dateOf(facts[i]) <= asOf) facts[kept++] = facts[i];
      else if (type === 'ContactRecorded' || type === 'DeathRecorded') this.#aliveAfter = true;
    }
    if (kept < facts.length) facts.length = kept;
    return facts;
  }
}

/** All the facts of a record dated on or before `asOf`, as a plain object (what a bundle export copies). */
export function factsAsOf(record: PatientRecord, asOf: IsoDate | null): PatientFacts {
  const { enrolment, diagnoses, lesions, treatments, stops, responses, contacts, deaths } = new FactsAsOf(record, asOf);
  return { enrolment, diagnoses, lesions, treatments, stops, responses, contacts, deaths };
}
