/**
 * The rules a careful data manager holds the whole record to. They are checked on the record as it
 * would stand after a command, so a correction or retraction is held to the same rules as a new fact.
 * Only violations that a command would introduce block it: a record that already breaks a rule (say,
 * one written before the rule existed) can still be corrected.
 */
import type { DomainErrorCode } from '../shared/domain.error';
import type { IsoDate } from '../shared/dates';
import type { PatientFact } from './patient.events';
import type { PatientFacts } from './patient.facts';

export interface Violation {
  code: Extract<DomainErrorCode, 'rule_violated' | 'conflict'>;
  message: string;
}

const conflict = (message: string): Violation => ({ code: 'conflict', message });
const ruleViolated = (message: string): Violation => ({ code: 'rule_violated', message });

/** Below this many items duplicates compares pairs: no Set to make (the lists of one patient are short). */
const FEW = 16;

/**
 * The keys that occur more than once, each once, in the order of their second occurrence. Checked for
 * every command, so it makes nothing when there is none (the usual case).
 */
function duplicates<T>(items: readonly T[], key: (item: T) => string): readonly string[] {
  if (items.length < 2) return NONE;
  if (items.length <= FEW) {
    let repeated: string[] | null = null;
    for (let i = 1; i < items.length; i++) {
      const k = key(items[i]);
      // items[i] is a second occurrence when exactly one item before it has its key
      let before = 0;
      for (let j = 0; j < i && before < 2; j++) if (key(items[j]) === k) before += 1;
      if (before === 1) (repeated ??= []).push(k);
    }
    return repeated ?? NONE;
  }
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) repeated.add(k);
    else seen.add(k);
  }
  return [...repeated];
}

const NONE: readonly never[] = Object.freeze([]);

type DatedKind = 'diagnosis' | 'lesion' | 'start' | 'stop' | 'response' | 'contact';

/** The words that name a dated fact in a message (made only when a rule is broken). */
function named(kind: DatedKind, id: string): string {
  switch (kind) {
    case 'diagnosis':
      return `diagnosis ${id}`;
    case 'lesion':
      return `lesion ${id} onset`;
    case 'start':
      return `treatment ${id} start`;
    case 'stop':
      return `treatment ${id} stop`;
    case 'response':
      return `response of treatment ${id}`;
    case 'contact':
      return 'contact';
  }
}

/** Each dated fact with its date, its kind and its id, in the order the messages list them (no closure per fact). */
function forEachDatedFact(facts: PatientFacts, visit: (on: IsoDate, kind: DatedKind, id: string) => void): void {
  for (const d of facts.diagnoses) visit(d.diagnosedOn, 'diagnosis', d.diagnosisId);
  for (const l of facts.lesions) visit(l.onsetOn, 'lesion', l.lesionId);
  for (const t of facts.treatments) visit(t.startedOn, 'start', t.treatmentId);
  for (const s of facts.stops) visit(s.stoppedOn, 'stop', s.treatmentId);
  for (const r of facts.responses) visit(r.assessedOn, 'response', r.treatmentId);
  for (const c of facts.contacts) visit(c.seenOn, 'contact', '');
}

/** The start of the last course with this id (as a map of the courses by id, the last one winning, would give). */
function startOf(treatments: PatientFacts['treatments'], treatmentId: string): IsoDate | undefined {
  for (let i = treatments.length - 1; i >= 0; i--) if (treatments[i].treatmentId === treatmentId) return treatments[i].startedOn;
  return undefined;
}

/** violations, once per facts object (the decider derives facts once per record): a record is the "before" of every command tried on it. */
const violationsCache = new WeakMap<PatientFacts, readonly Violation[]>();
export function violations(facts: PatientFacts): readonly Violation[] {
  let found = violationsCache.get(facts);
  if (found === undefined) violationsCache.set(facts, (found = findViolations(facts)));
  return found;
}

function findViolations(facts: PatientFacts): Violation[] {
  const found: Violation[] = [];
  const birth = facts.enrolment?.birthDate;
  const death = facts.deaths[0]?.diedOn;
  if (birth || death) {
    forEachDatedFact(facts, (on, kind, id) => {
      if (birth && on < birth) found.push(ruleViolated(`${named(kind, id)} (${on}) is before birth (${birth})`));
      if (death && on > death) found.push(ruleViolated(`${named(kind, id)} (${on}) is after death (${death})`));
    });
  }
  if (birth && death && death < birth) found.push(ruleViolated(`death (${death}) is before birth (${birth})`));
  if (facts.deaths.length > 1) found.push(conflict('a death is already recorded for this patient'));

  for (const id of duplicates(facts.diagnoses, (d) => d.diagnosisId)) found.push(conflict(`diagnosis ${id} is already recorded`));
  for (const id of duplicates(facts.lesions, (l) => l.lesionId)) found.push(conflict(`lesion ${id} is already recorded`));
  for (const id of duplicates(facts.treatments, (t) => t.treatmentId)) found.push(conflict(`treatment ${id} is already recorded`));
  for (const on of duplicates(facts.contacts, (c) => c.seenOn)) found.push(conflict(`a contact on ${on} is already recorded`));
  for (const id of duplicates(facts.stops, (s) => s.treatmentId)) found.push(conflict(`treatment ${id} is already stopped`));

  const { lesions, treatments } = facts;
  for (const t of treatments) {
    for (const id of t.lesionIds) {
      if (!lesions.some((l) => l.lesionId === id)) found.push(ruleViolated(`treatment ${t.treatmentId} targets lesion ${id}, which is not recorded`));
    }
  }
  for (const s of facts.stops) {
    const start = startOf(treatments, s.treatmentId);
    if (start === undefined) found.push(ruleViolated(`treatment ${s.treatmentId} is stopped but was never started`));
    else if (s.stoppedOn < start) found.push(ruleViolated(`treatment ${s.treatmentId} stop (${s.stoppedOn}) is before its start (${start})`));
  }
  for (const r of facts.responses) {
    const start = startOf(treatments, r.treatmentId);
    if (start === undefined) found.push(ruleViolated(`treatment ${r.treatmentId} is graded but was never started`));
    else if (r.assessedOn < start) found.push(ruleViolated(`response of treatment ${r.treatmentId} (${r.assessedOn}) is before its start (${start})`));
  }
  return found;
}

/** The violations in `after` that `before` did not have. */
export function newViolations(before: PatientFacts, after: PatientFacts): Violation[] {
  // not remembered: `after` is the record a command would make, made for this check alone
  const found = findViolations(after);
  // almost every command leaves a clean record: then what `before` had does not matter
  if (found.length === 0) return [];
  const existing = new Set(violations(before).map((v) => v.message));
  return found.filter((v) => !existing.has(v.message));
}

/**
 * newViolations(before, after) for `after` = `before` with one new fact added (withNewFact; `after`
 * is made only if needed). A record is checked for every fact recorded on it, so an import checked
 * the whole record once per fact; a new fact can only break a rule that involves it, which
 * `mayBreakRules` looks at alone: when it finds nothing, no rule is broken that `before` did not
 * already break, and when it finds something newViolations answers (so the violations and their
 * order are always its). A death, which every dated fact is held to, always goes to newViolations.
 */
export function newViolationsOfFact(before: PatientFacts, fact: PatientFact, after: () => PatientFacts): Violation[] {
  return mayBreakRules(before, fact) ? newViolations(before, after()) : [];
}

/**
 * Whether adding `fact` to `before` may make a violation `before` does not have: each rule of
 * findViolations, for the one fact (its date against birth and death, its key against its kind's, a
 * course's targets, a stop's or a grade's course, the stops and grades a new course starts after).
 */
function mayBreakRules(before: PatientFacts, fact: PatientFact): boolean {
  const birth = before.enrolment?.birthDate;
  const death = before.deaths[0]?.diedOn;
  const breaksDates = (on: IsoDate) => Boolean((birth && on < birth) || (death && on > death));
  switch (fact.type) {
    case 'DiagnosisRecorded': {
      const { diagnosisId, diagnosedOn } = fact.data;
      return breaksDates(diagnosedOn) || before.diagnoses.some((d) => d.diagnosisId === diagnosisId);
    }
    case 'LesionOnsetRecorded': {
      const { lesionId, onsetOn } = fact.data;
      return breaksDates(onsetOn) || before.lesions.some((l) => l.lesionId === lesionId);
    }
    case 'TreatmentStarted': {
      const { treatmentId, startedOn, lesionIds } = fact.data;
      return (
        breaksDates(startedOn) ||
        before.treatments.some((t) => t.treatmentId === treatmentId) ||
        lesionIds.some((id) => !before.lesions.some((l) => l.lesionId === id)) ||
        // a stop or grade of a course never started until now is held to this start
        before.stops.some((s) => s.treatmentId === treatmentId && s.stoppedOn < startedOn) ||
        before.responses.some((r) => r.treatmentId === treatmentId && r.assessedOn < startedOn)
      );
    }
    case 'TreatmentStopped': {
      const { treatmentId, stoppedOn } = fact.data;
      const start = startOf(before.treatments, treatmentId);
      return breaksDates(stoppedOn) || before.stops.some((s) => s.treatmentId === treatmentId) || start === undefined || stoppedOn < start;
    }
    case 'ResponseGraded': {
      const { treatmentId, assessedOn } = fact.data;
      const start = startOf(before.treatments, treatmentId);
      return breaksDates(assessedOn) || start === undefined || assessedOn < start;
    }
    case 'ContactRecorded':
      return breaksDates(fact.data.seenOn) || before.contacts.some((c) => c.seenOn === fact.data.seenOn);
    default:
      return true;
  }
}
