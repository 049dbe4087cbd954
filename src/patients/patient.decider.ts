/**
 * The patient decider: initialState, evolve, decide. `decide` hands each command to a small function
 * of guard clauses; every fact, new or corrected, is held to the same payload checks and rules.
 */
import type { Decider } from '../shared/decider';
import { DomainError } from '../shared/domain.error';
import { latestCalendarDateAt } from '../shared/dates';
import type {
  ChangeResearchAuthorization,
  CorrectEntry,
  EraseIdentity,
  PatientCommand,
  RecordingCommand,
  RetractEntry,
} from './patient.commands';
import { FACT_OF_COMMAND } from './patient.commands';
import type { PatientEvent, PatientFact, RecordedPatientEvent } from './patient.events';
import { IDENTITY_FIELDS, PAYLOAD_FIELDS, identifier, payloadProblems } from './patient.payloads';
import type { Entry, PatientRecord } from './patient.record';
import { applyToRecord, emptyRecord, entryOf, payloadWith, rememberedOn } from './patient.record';
import { dateOf, liveFacts, withNewFact, type PatientFacts } from './patient.facts';
import { newViolations, newViolationsOfFact, type Violation } from './patient.rules';
import { ERASURE_MODES } from './patient.erasure';

export type PatientState = PatientRecord;

export const initialState = emptyRecord;
export const evolve = (state: PatientState, event: RecordedPatientEvent): PatientState => carryFacts(state, event, applyToRecord(state, event));

export function decide(command: PatientCommand, state: PatientState): PatientEvent[] {
  if (state.erased) throw new DomainError('conflict', `the identity of patient ${state.patientId} was erased: nothing more can be recorded for it`);
  switch (command.type) {
    case 'EnrollPatient':
      return enroll(command, state);
    case 'RecordDiagnosis':
    case 'RecordLesionOnset':
    case 'StartTreatment':
    case 'StopTreatment':
    case 'GradeResponse':
    case 'RecordContact':
    case 'RecordDeath':
      return recordFact(command, state);
    case 'ChangeResearchAuthorization':
      return changeResearchAuthorization(command, state);
    case 'CorrectEntry':
      return correctEntry(command, state);
    case 'RetractEntry':
      return retractEntry(command, state);
    case 'EraseIdentity':
      return eraseIdentity(command, state);
    default: {
      const unknown: never = command;
      throw new DomainError('invalid', `unknown command ${(unknown as { type: string }).type}`);
    }
  }
}

export const patientDecider: Decider<PatientState, PatientCommand, PatientEvent, RecordedPatientEvent> = {
  initialState,
  evolve,
  decide,
};

function enroll(command: Extract<PatientCommand, { type: 'EnrollPatient' }>, state: PatientState): PatientEvent[] {
  if (state.patientId !== null) throw new DomainError('conflict', `patient ${state.patientId} is already enrolled`);
  const fact = { type: 'PatientEnrolled', data: command.data } as PatientFact;
  assertValidPayload(fact);
  assertNotInFuture(fact, command.metadata.now);
  return [fact];
}

function recordFact(command: Exclude<RecordingCommand, { type: 'EnrollPatient' }>, state: PatientState): PatientEvent[] {
  assertEnrolled(state);
  const fact = { type: FACT_OF_COMMAND[command.type], data: command.data } as PatientFact;
  assertValidPayload(fact);
  assertTreatmentExists(fact, state);
  assertNotInFuture(fact, command.metadata.now);
  throwFirst(newViolationsOfFact(factsOf(state), fact, () => factsWithNew(state, fact, command.metadata.now)));
  return [fact];
}

function changeResearchAuthorization(command: ChangeResearchAuthorization, state: PatientState): PatientEvent[] {
  assertEnrolled(state);
  const { researchAuthorization, reason } = command.data;
  const problem = PAYLOAD_FIELDS.PatientEnrolled.researchAuthorization(researchAuthorization);
  if (problem) throw DomainError.invalid([{ field: 'researchAuthorization', reason: problem }]);
  assertReason(reason);
  if (researchAuthorization === state.researchAuthorization) {
    throw new DomainError('conflict', `research authorization is already ${researchAuthorization}`);
  }
  return [{ type: 'ResearchAuthorizationChanged', data: { researchAuthorization, reason } }];
}

function correctEntry(command: CorrectEntry, state: PatientState): PatientEvent[] {
  assertEnrolled(state);
  const { eventId, changes, reason } = command.data;
  const entry = liveEntry(state, eventId);
  assertReason(reason);
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes) || Object.keys(changes).length === 0) {
    throw DomainError.invalid([{ field: 'changes', reason: 'must be an object naming at least one field' }]);
  }
  const identity = Object.keys(changes).filter((field) => IDENTITY_FIELDS.includes(field));
  if (identity.length > 0) {
    throw DomainError.invalid(identity.map((field) => ({ field: `changes.${field}`, reason: 'identifies the entry and cannot be corrected' })));
  }
  const { eventId: _entryId, ...payload } = entry.data;
  const corrected = { type: entry.type, data: { ...payload, ...changes } } as PatientFact;
  const problems = payloadProblems(corrected.type, corrected.data, 'changes.');
  if (problems.length > 0) throw DomainError.invalid(problems);
  const current = entry.data as unknown as Record<string, unknown>;
  if (Object.entries(changes).every(([field, value]) => JSON.stringify(current[field]) === JSON.stringify(value))) {
    throw DomainError.invalid([{ field: 'changes', reason: 'every value equals the one recorded: nothing to correct' }]);
  }
  assertNotInFuture(corrected, command.metadata.now);
  const event: PatientEvent = { type: 'EntryCorrected', data: { eventId, changes, reason } };
  assertRulesHold(state, { ...event, eventId: '(new)', recordedAt: command.metadata.now });
  return [event];
}

function retractEntry(command: RetractEntry, state: PatientState): PatientEvent[] {
  assertEnrolled(state);
  const { eventId, reason } = command.data;
  const entry = liveEntry(state, eventId);
  assertReason(reason);
  if (entry.type === 'PatientEnrolled') {
    throw new DomainError('rule_violated', 'the enrolment cannot be retracted: correct it, or deny research authorization');
  }
  const event: PatientEvent = { type: 'EntryRetracted', data: { eventId, reason } };
  assertRulesHold(state, { ...event, eventId: '(new)', recordedAt: command.metadata.now });
  return [event];
}

/** The log keeps who erased and when; the request's reason is sealed like every reason (src/erasure). */
function eraseIdentity(command: EraseIdentity, state: PatientState): PatientEvent[] {
  assertEnrolled(state);
  const { mode, anonymousId, reason } = command.data;
  if (!(ERASURE_MODES as readonly unknown[]).includes(mode)) {
    throw DomainError.invalid([{ field: 'mode', reason: `must be one of ${ERASURE_MODES.join(', ')}` }]);
  }
  assertReason(reason);
  return [{ type: 'IdentityErased', data: { mode, anonymousId, reason } }];
}

function assertEnrolled(state: PatientState): void {
  if (state.patientId === null) throw new DomainError('not_found', 'patient is not enrolled');
}

function assertValidPayload(fact: PatientFact): void {
  const problems = payloadProblems(fact.type, fact.data);
  if (problems.length > 0) throw DomainError.invalid(problems);
}

function assertReason(reason: unknown): void {
  if (typeof reason !== 'string' || reason.trim() === '') {
    throw DomainError.invalid([{ field: 'reason', reason: 'a correction or retraction must say why' }]);
  }
}

function assertNotInFuture(fact: PatientFact, now: string): void {
  const latest = latestCalendarDateAt(now);
  const on = dateOf(fact.type, fact.data);
  if (on > latest) throw new DomainError('rule_violated', `${on} is after the day it is recorded (${now.slice(0, 10)})`);
}

function assertTreatmentExists(fact: PatientFact, state: PatientState): void {
  if (fact.type !== 'TreatmentStopped' && fact.type !== 'ResponseGraded') return;
  const { treatmentId } = fact.data;
  if (!factsOf(state).treatments.some((t) => t.treatmentId === treatmentId)) {
    throw new DomainError('not_found', `treatment ${treatmentId} was never started for this patient`);
  }
}

function liveEntry(state: PatientState, eventId: unknown): Entry {
  const problem = identifier(eventId);
  if (problem) throw DomainError.invalid([{ field: 'eventId', reason: problem }]);
  const entry = entryOf(state, eventId as string);
  if (!entry) throw new DomainError('not_found', `event ${eventId} is not a fact of this patient`);
  if (entry.retracted) throw new DomainError('conflict', `event ${eventId} has been retracted`);
  return entry;
}

/**
 * The facts of a record, once per record object: a command's "before" was the last command's
 * "after", so each is derived once, and its violations (patient.rules.ts) are found once. They are
 * remembered on the record (rememberedOn): a WeakMap entry for each record an import checks (two
 * million) cost more than the facts.
 */
const FACTS = Symbol('liveFacts');
const factsOf = (state: PatientState): PatientFacts => rememberedOn(state, FACTS, liveFacts);
/** The facts remembered on a record, without deriving them. */
const factsKnownOf = (state: PatientState): PatientFacts | undefined => (state as unknown as Record<symbol, PatientFacts | undefined>)[FACTS];

/**
 * A new fact only adds to the facts of the record before it (withNewFact), so a record evolved from
 * one whose facts are known gets its own without going through every entry again; other events (a
 * correction, a retraction, the enrolment) leave them to be derived when asked for.
 */
function carryFacts(before: PatientState, event: RecordedPatientEvent, after: PatientState): PatientState {
  const facts = factsKnownOf(before);
  const added = after.entries.length === before.entries.length + 1 ? after.entries[after.entries.length - 1] : undefined;
  if (facts !== undefined && added !== undefined && added.type !== 'PatientEnrolled' && event.type === added.type) rememberedOn(after, FACTS, () => withNewFact(facts, added));
  return after;
}

function assertRulesHold(state: PatientState, event: RecordedPatientEvent): void {
  throwFirst(newViolations(factsOf(state), factsOf(evolve(state, event))));
}

function throwFirst([first]: readonly Violation[]): void {
  if (first) throw new DomainError(first.code, first.message);
}

/**
 * The facts of the record once `fact` (a new fact other than the enrolment) is recorded: those
 * evolve would carry to that record (carryFacts), made without the record itself, whose list of
 * entries would be copied for every fact an import checks and then dropped.
 */
function factsWithNew(state: PatientState, fact: PatientFact, now: string): PatientFacts {
  const data = payloadWith(fact.type, fact.data, { eventId: '(new)' });
  const entry: Entry = { eventId: '(new)', type: fact.type, data, original: data, position: 0, recordedAt: now, corrections: [], retractions: [], retracted: false };
  return withNewFact(factsOf(state), entry);
}
