/**
 * What importing a bundle does to one patient: the commands that make the record state what the
 * bundle's rows state. A fact the record lacks is recorded, a fact it holds with other values is
 * corrected (only the changed fields), a fact it holds that the bundle no longer has is retracted; all
 * with the reason `import <bundle sha256>`. Against an empty record this is the whole import of a
 * patient, in a clinically sensible order: enrolment, diagnoses, lesions, treatment starts, stops,
 * grades, contacts, death (FACT_TYPES), each kind in order of its clinical date.
 *
 * The plan is run through the decider on a scratch copy of the record, so every command the store
 * would refuse is found (and placed on its row) before anything is written; the events it decided
 * there are the ones the import appends (with the revision the record was read at).
 */
import { DomainError } from '../shared/domain.error';
import { FACT_OF_COMMAND, type PatientCommand } from '../patients/patient.commands';
import { decide, evolve } from '../patients/patient.decider';
import { FACT_TYPES, type PatientEvent, type RecordedPatientEvent } from '../patients/patient.events';
import { IDENTITY_FIELDS } from '../patients/patient.payloads';
import type { Entry, PatientRecord } from '../patients/patient.record';
import { DATE_FIELD, dateOf, liveFacts } from '../patients/patient.facts';
import type { BundlePatient, RowRef, SourcedFact } from './bundle.parse';
import { importProblem, type ImportProblem } from './bundle.problem';
import { FACT_KEY, SOURCE_OF_FACT, columnOf, factKey, keyColumnOf, type FactType } from './bundle.schema';

/** A patient command as the shell sends it (the shell stamps `metadata`). */
export type ImportCommand = PatientCommand extends infer C ? (C extends PatientCommand ? Omit<C, 'metadata'> : never) : never;

export interface PlannedCommand {
  command: ImportCommand;
  factType: FactType;
  /** the row that asks for it; null for a retraction (its row is gone) */
  source: RowRef | null;
}

export interface PlanCounts {
  facts: number;
  corrections: number;
  retractions: number;
  authorizationChanges: number;
}

export interface PatientPlan {
  patientId: string;
  /** in the order the decider accepted them; empty when nothing changed */
  commands: ImportCommand[];
  /** what the decider decided for them, in order, on the record the plan was made against: the events to append */
  events: PatientEvent[];
  counts: PlanCounts;
  problems: ImportProblem[];
}

const COMMAND_OF_FACT = Object.fromEntries(Object.entries(FACT_OF_COMMAND).map(([command, fact]) => [fact, command])) as Record<FactType, ImportCommand['type']>;

const NOTHING: PlanCounts = { facts: 0, corrections: 0, retractions: 0, authorizationChanges: 0 };

export function planPatient(desired: BundlePatient, current: PatientRecord, { now, reason }: { now: string; reason: string }): PatientPlan {
  // A patient whose patients.csv row could not be read cannot be planned; that row's problems stand.
  if (desired.unreadable.has('PatientEnrolled')) return { patientId: desired.patientId, commands: [], events: [], counts: NOTHING, problems: [] };
  const { accepted, events, problems } = runOnScratch(diff(desired, current, reason), current, now, desired.unreadable);
  const count = (...types: ImportCommand['type'][]) => accepted.filter((p) => types.includes(p.command.type)).length;
  return {
    patientId: desired.patientId,
    commands: problems.length ? [] : accepted.map((p) => p.command),
    events: problems.length ? [] : events,
    counts: {
      facts: accepted.length - count('CorrectEntry', 'RetractEntry', 'ChangeResearchAuthorization'),
      corrections: count('CorrectEntry'),
      retractions: count('RetractEntry'),
      authorizationChanges: count('ChangeResearchAuthorization'),
    },
    problems,
  };
}

function diff(desired: BundlePatient, current: PatientRecord, reason: string): PlannedCommand[] {
  // each kind's live entries and wanted facts, sorted out in one pass each rather than one per kind
  const liveOf = byKind(current.entries, (entry) => !entry.retracted);
  const wantedOf = byKind(desired.facts, () => true);
  const goneOf: Entry[][] = [];
  const corrections: PlannedCommand[] = [];
  const additions: PlannedCommand[] = [];
  FACT_TYPES.forEach((type, kind) => {
    const live = liveOf[kind];
    const wanted = wantedOf[kind];
    // the entries held, by key; null when the record has none of this kind (a first import: every patient)
    const held = live === undefined ? null : new Map<string, Entry>();
    const surplus: Entry[] = [];
    for (const entry of live ?? []) {
      const key = factKey(type, entry.data);
      if (held!.has(key)) surplus.push(entry);
      else held!.set(key, entry);
    }
    // wanted is this function's own list: sorted in place
    wanted?.sort((a, b) => dateOf(type, a.data as never).localeCompare(dateOf(type, b.data as never)));
    for (const fact of wanted ?? []) {
      let entry: Entry | undefined;
      if (held !== null) {
        const key = factKey(type, fact.data);
        entry = held.get(key);
        held.delete(key);
      }
      if (!entry) {
        additions.push({ command: { type: COMMAND_OF_FACT[type], data: fact.data } as ImportCommand, factType: type, source: fact.source });
        continue;
      }
      const changes = changedFields(fact, entry);
      if (changes !== null) {
        corrections.push({ command: { type: 'CorrectEntry', data: { eventId: entry.eventId, changes, reason } }, factType: type, source: fact.source });
      }
    }
    // The enrolment is never retracted (the decider refuses it): a patient stays, with their history.
    goneOf[kind] = type === 'PatientEnrolled' || held === null ? [] : [...held.values(), ...surplus];
  });
  // Later kinds go first, so a course's grades and stop are withdrawn before the course itself.
  const retractions: PlannedCommand[] = [];
  for (let kind = FACT_TYPES.length - 1; kind >= 0; kind--) {
    for (const entry of goneOf[kind]) retractions.push({ command: { type: 'RetractEntry', data: { eventId: entry.eventId, reason } }, factType: FACT_TYPES[kind], source: null });
  }
  const enrolment = desired.facts.find((f) => f.type === 'PatientEnrolled')!;
  const authorization = enrolment.data.researchAuthorization as PatientRecord['researchAuthorization'];
  const changes: PlannedCommand[] =
    current.patientId !== null && authorization !== current.researchAuthorization
      ? [{ command: { type: 'ChangeResearchAuthorization', data: { researchAuthorization: authorization!, reason } }, factType: 'PatientEnrolled', source: enrolment.source }]
      : [];
  return [...retractions, ...changes, ...corrections, ...additions];
}

const KIND_OF = new Map(FACT_TYPES.map((type, kind) => [type, kind]));

/** The items that pass `keep`, in a list per kind of fact (FACT_TYPES order; none for a kind without any), in their order. */
function byKind<T extends { type: FactType }>(items: readonly T[], keep: (item: T) => boolean): (T[] | undefined)[] {
  const lists: (T[] | undefined)[] = [];
  for (const item of items) {
    if (!keep(item)) continue;
    const kind = KIND_OF.get(item.type)!;
    (lists[kind] ??= []).push(item);
  }
  return lists;
}

/** Of each kind, the fields the bundle carries other than those that name the fact: what a re-import compares. */
const COMPARED = new Map(
  FACT_TYPES.map((type) => [type, SOURCE_OF_FACT.get(type)!.mapping.fields.filter((f) => !FACT_KEY[type].includes(f) && !IDENTITY_FIELDS.includes(f))]),
);

/** The fields the bundle carries for a fact, other than those that name it, whose values differ; null when none does. */
function changedFields(fact: SourcedFact, entry: Entry): Record<string, unknown> | null {
  const held = entry.data as unknown as Record<string, unknown>;
  let changes: Record<string, unknown> | null = null;
  for (const field of COMPARED.get(fact.type)!) {
    const value = fact.data[field];
    // the same value has the same JSON: most fields of a re-import are the same strings
    if (value !== held[field] && JSON.stringify(value) !== JSON.stringify(held[field])) (changes ??= {})[field] = value;
  }
  return changes;
}

/**
 * Runs the plan through the decider. A command refused now is tried again after the others, since a
 * re-import may need them in another order (a course moved later needs its stop corrected before its
 * start); what is still refused when no command goes through any more is a problem of the bundle.
 */
function runOnScratch(planned: PlannedCommand[], current: PatientRecord, now: string, unreadable: ReadonlySet<FactType>) {
  const metadata = { now, recordedBy: 'import' };
  const accepted: PlannedCommand[] = [];
  const decided: PatientEvent[] = [];
  let state = current;
  let pending = planned;
  for (let scratchId = 0; ; ) {
    const refused: { planned: PlannedCommand; error: DomainError }[] = [];
    for (const p of pending) {
      try {
        // literals, not spreads: a spread that gains keys makes a hidden class of its own every time (as in the decider)
        const events: PatientEvent[] = decide({ type: p.command.type, data: p.command.data, metadata } as PatientCommand, state);
        for (const event of events) state = evolve(state, { type: event.type, data: event.data, eventId: `scratch-${++scratchId}`, recordedAt: now } as RecordedPatientEvent);
        accepted.push(p);
        for (const event of events) decided.push(event);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        refused.push({ planned: p, error });
      }
    }
    if (refused.length === 0 || refused.length === pending.length) {
      // A course refused, or unreadable, on its own row is not reported again on each of its grades;
      // nor is a course's target when a lesion row could not be read.
      const refusedCourses = new Set(refused.filter((r) => r.planned.command.type === 'StartTreatment').map((r) => (r.planned.command.data as { treatmentId: string }).treatmentId));
      const isEcho = (p: ImportProblem, r: (typeof refused)[number]) =>
        (r.error.code === 'not_found' && (unreadable.has('TreatmentStarted') || refusedCourses.has((r.planned.command.data as { treatmentId?: string }).treatmentId ?? ''))) ||
        (p.column === 'lesion_ids' && unreadable.has('LesionOnsetRecorded'));
      return { accepted, events: decided, problems: refused.flatMap((r) => problemsOf(r.planned, r.error, state).filter((p) => !isEcho(p, r))) };
    }
    pending = refused.map((r) => r.planned);
  }
}

function problemsOf({ command, factType, source }: PlannedCommand, error: DomainError, state: PatientRecord): ImportProblem[] {
  const { file } = SOURCE_OF_FACT.get(factType)!;
  const at = (column: string | null, reason: string) =>
    source ? importProblem(source.file, source.line, column, reason) : importProblem(file.name, null, null, `removing a ${file.name} row that is no longer in the bundle: ${reason}`);
  if (command.type === 'ChangeResearchAuthorization') return [at('research_authorization', error.message)];
  switch (error.code) {
    case 'invalid':
      return error.details.length ? error.details.map((d) => at(columnOf(file, d.field.replace(/^changes\./, '')) || null, d.reason)) : [at(null, error.message)];
    case 'conflict':
      return [at(keyColumnOf(file, factType), error.message)];
    case 'not_found':
      return [at(columnOf(file, 'treatmentId') || null, error.message)];
    case 'rule_violated':
      return [at(ruleColumn(command, factType, state), error.message)];
    default:
      return [at(null, error.message)];
  }
}

/** A rule broken by a fact is about its date, except a course aimed at a lesion the record lacks. */
function ruleColumn(command: ImportCommand, factType: FactType, state: PatientRecord): string | null {
  const { file } = SOURCE_OF_FACT.get(factType)!;
  const data = (command.type === 'CorrectEntry' ? command.data.changes : command.data) as Record<string, unknown>;
  const lesions = new Set(liveFacts(state).lesions.map((l) => l.lesionId));
  if (Array.isArray(data.lesionIds) && data.lesionIds.some((id) => !lesions.has(id as string))) return 'lesion_ids';
  return columnOf(file, DATE_FIELD[factType]) || null;
}
