/**
 * The rules a careful data manager holds the whole record to. They are checked on the record as it
 * would stand after a command, so a correction or retraction is held to the same rules as a new fact.
 * Only violations that a command would introduce block it: a record that already breaks a rule (say,
 * one written before the rule existed) can still be corrected.
 */
import type { DomainErrorCode } from '../shared/domain.error';
import type { IsoDate } from '../shared/dates';
import type { PatientFacts } from './patient.record';

export interface Violation {
  code: Extract<DomainErrorCode, 'rule_violated' | 'conflict'>;
  message: string;
}

const conflict = (message: string): Violation => ({ code: 'conflict', message });
const ruleViolated = (message: string): Violation => ({ code: 'rule_violated', message });

/** The keys that occur more than once, each once, in the order of their second occurrence (checked for every command: no array per call). */
function duplicates<T>(items: readonly T[], key: (item: T) => string): string[] {
  if (items.length < 2) return [];
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) repeated.add(k);
    else seen.add(k);
  }
  return [...repeated];
}

/** Each dated fact with its date, and the words that name it (made only when a rule is broken). */
function forEachDatedFact(facts: PatientFacts, visit: (on: IsoDate, what: () => string) => void): void {
  for (const d of facts.diagnoses) visit(d.diagnosedOn, () => `diagnosis ${d.diagnosisId}`);
  for (const l of facts.lesions) visit(l.onsetOn, () => `lesion ${l.lesionId} onset`);
  for (const t of facts.treatments) visit(t.startedOn, () => `treatment ${t.treatmentId} start`);
  for (const s of facts.stops) visit(s.stoppedOn, () => `treatment ${s.treatmentId} stop`);
  for (const r of facts.responses) visit(r.assessedOn, () => `response of treatment ${r.treatmentId}`);
  for (const c of facts.contacts) visit(c.seenOn, () => 'contact');
}

/** violations, once per facts object (the decider derives facts once per record): a command's "before" was the last one's "after". */
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
  forEachDatedFact(facts, (on, what) => {
    if (birth && on < birth) found.push(ruleViolated(`${what()} (${on}) is before birth (${birth})`));
    if (death && on > death) found.push(ruleViolated(`${what()} (${on}) is after death (${death})`));
  });
  if (birth && death && death < birth) found.push(ruleViolated(`death (${death}) is before birth (${birth})`));
  if (facts.deaths.length > 1) found.push(conflict('a death is already recorded for this patient'));

  for (const id of duplicates(facts.diagnoses, (d) => d.diagnosisId)) found.push(conflict(`diagnosis ${id} is already recorded`));
  for (const id of duplicates(facts.lesions, (l) => l.lesionId)) found.push(conflict(`lesion ${id} is already recorded`));
  for (const id of duplicates(facts.treatments, (t) => t.treatmentId)) found.push(conflict(`treatment ${id} is already recorded`));
  for (const on of duplicates(facts.contacts, (c) => c.seenOn)) found.push(conflict(`a contact on ${on} is already recorded`));
  for (const id of duplicates(facts.stops, (s) => s.treatmentId)) found.push(conflict(`treatment ${id} is already stopped`));

  const lesionIds = new Set(facts.lesions.map((l) => l.lesionId));
  const starts = new Map(facts.treatments.map((t) => [t.treatmentId, t.startedOn]));
  for (const t of facts.treatments) {
    for (const id of t.lesionIds.filter((l) => !lesionIds.has(l))) {
      found.push(ruleViolated(`treatment ${t.treatmentId} targets lesion ${id}, which is not recorded`));
    }
  }
  for (const s of facts.stops) {
    const start = starts.get(s.treatmentId);
    if (start === undefined) found.push(ruleViolated(`treatment ${s.treatmentId} is stopped but was never started`));
    else if (s.stoppedOn < start) found.push(ruleViolated(`treatment ${s.treatmentId} stop (${s.stoppedOn}) is before its start (${start})`));
  }
  for (const r of facts.responses) {
    const start = starts.get(r.treatmentId);
    if (start === undefined) found.push(ruleViolated(`treatment ${r.treatmentId} is graded but was never started`));
    else if (r.assessedOn < start) found.push(ruleViolated(`response of treatment ${r.treatmentId} (${r.assessedOn}) is before its start (${start})`));
  }
  return found;
}

/** The violations in `after` that `before` did not have. */
export function newViolations(before: PatientFacts, after: PatientFacts): Violation[] {
  const found = violations(after);
  // almost every command leaves a clean record: then what `before` had does not matter
  if (found.length === 0) return [];
  const existing = new Set(violations(before).map((v) => v.message));
  return found.filter((v) => !existing.has(v.message));
}
