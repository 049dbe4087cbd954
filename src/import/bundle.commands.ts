/**
 * A whole bundle as per-patient command lists for an empty store: the reusable entry point for tests
 * and fixtures that need a cohort in a store (projections' acceptance tests, the demo). The import use
 * case plans each patient against their current record instead; both go through planPatient.
 */
import { DomainError } from '../shared/domain.error';
import type { PatientCommand } from '../patients/patient.commands';
import { decide, evolve } from '../patients/patient.decider';
import { emptyRecord, type PatientRecord } from '../patients/patient.record';
import { parseBundle, type BundleFiles } from './bundle.parse';
import { planPatient, type ImportCommand } from './bundle.plan';
import { compareProblems, type ImportProblem } from './bundle.problem';

/** How many problems an error carries; the count says how many there were in all. */
export const MAX_REPORTED_PROBLEMS = 1000;

/**
 * `files`: name -> CSV text (see readBundleFolder for a folder on disk); `now`: the record instant the
 * commands will be stamped with (a clinical date after it is refused, as the decider does).
 * Throws a DomainError (invalid) listing every problem, each with file, line and column.
 */
export function bundleToCommands(files: BundleFiles, { now, reason = 'import' }: { now: string; reason?: string }): Map<string, ImportCommand[]> {
  const parsed = parseBundle(files);
  const problems = [...parsed.problems];
  const commands = new Map<string, ImportCommand[]>();
  for (const patient of parsed.patients) {
    const plan = planPatient(patient, emptyRecord(), { now, reason });
    problems.push(...plan.problems);
    commands.set(patient.patientId, plan.commands);
  }
  if (problems.length > 0) throw bundleError(problems);
  return commands;
}

/**
 * The record the command loop would leave after `commands` on an empty stream, without a store: event
 * ids are `<idPrefix>1`, `<idPrefix>2`, ... in log order, every event recorded at `now`.
 */
export function recordOfCommands(commands: readonly ImportCommand[], { now, idPrefix = 'e' }: { now: string; idPrefix?: string }): PatientRecord {
  const metadata = { now, recordedBy: 'import' };
  let state = emptyRecord();
  let n = 0;
  for (const command of commands) {
    for (const event of decide({ ...command, metadata } as PatientCommand, state)) state = evolve(state, { ...event, eventId: `${idPrefix}${++n}`, recordedAt: now });
  }
  return state;
}

/** Each patient's record after importing `files` into an empty store (event ids `<patientId>#1`, ...). */
export function bundleToRecords(files: BundleFiles, { now }: { now: string }): Map<string, PatientRecord> {
  const records = new Map<string, PatientRecord>();
  for (const [patientId, commands] of bundleToCommands(files, { now })) records.set(patientId, recordOfCommands(commands, { now, idPrefix: `${patientId}#` }));
  return records;
}

/** The one error of a bundle that cannot be imported: every problem (up to the cap), in reading order. */
export function bundleError(problems: readonly ImportProblem[]): DomainError {
  const sorted = [...problems].sort(compareProblems);
  const first = sorted.slice(0, 3).map((p) => `${p.field}: ${p.reason}`).join('; ');
  const more = sorted.length > 3 ? `; and ${sorted.length - 3} more` : '';
  return new DomainError('invalid', `the bundle has ${sorted.length} problem(s), nothing was written: ${first}${more}`, sorted.slice(0, MAX_REPORTED_PROBLEMS));
}
