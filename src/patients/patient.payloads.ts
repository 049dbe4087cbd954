/**
 * Field-level validation of fact payloads, the one place the core checks shapes, dates and vocabulary.
 * Commands, corrections and the CSV import all pass through it; HTTP DTOs reuse its vocabulary.
 */
import type { FieldProblem } from '../shared/domain.error';
import { isIsoDate } from '../shared/dates';
import type { PatientFact } from './patient.events';
import {
  ACTD_CONDITIONS,
  ACTD_SUBTYPES,
  AGENT_CODE,
  CALCINOSIS,
  CALCINOSIS_AGENTS,
  CALCINOSIS_SUBTYPES,
  CATEGORIES,
  CONDITIONS,
  CONDITIONS_WITH_COMPONENTS,
  CONFIRMATIONS,
  GRADES,
  INDICATIONS,
  RESEARCH_AUTHORIZATIONS,
  SEXES,
  SITES,
  TREATMENT_HISTORIES,
} from './patient.vocabulary';

type Check = (value: unknown) => string | null;

const MAX_ID = 100;
const MAX_TEXT = 2000;

export const identifier: Check = (v) =>
  typeof v !== 'string' || v.trim() === ''
    ? 'must be a non-empty string'
    : v.length > MAX_ID || /[\u0000-\u001f\u007f]/.test(v) || v !== v.trim()
      ? `must be at most ${MAX_ID} printable characters without surrounding spaces`
      : null;
const date: Check = (v) => (isIsoDate(v) ? null : 'must be a real calendar date in YYYY-MM-DD form');
const oneOf =
  (terms: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && terms.includes(v) ? null : `must be one of ${terms.join(', ')}`;
const listOf =
  (terms: readonly string[]): Check =>
  (v) =>
    !Array.isArray(v)
      ? 'must be an array'
      : v.some((t) => typeof t !== 'string' || !terms.includes(t))
        ? `must contain only ${terms.join(', ')}`
        : new Set(v).size !== v.length
          ? 'must not repeat a term'
          : null;
const nullable =
  (check: Check): Check =>
  (v) =>
    v === null ? null : check(v);
const text: Check = (v) =>
  typeof v !== 'string' || v.trim() === '' ? 'must be a non-empty string' : v.length > MAX_TEXT ? `must be at most ${MAX_TEXT} characters` : null;
const bool: Check = (v) => (typeof v === 'boolean' ? null : 'must be true or false');
const agentCode: Check = (v) =>
  typeof v === 'string' && AGENT_CODE.test(v) && v.length <= MAX_ID ? null : 'must be a lower-case code (a-z, 0-9, _)';
const dose: Check = (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? null : 'must be a number >= 0');
const idList: Check = (v) =>
  !Array.isArray(v) ? 'must be an array' : v.map(identifier).find((r) => r !== null) ?? (new Set(v).size !== v.length ? 'must not repeat an id' : null);

/** Field checks of each fact type; a field missing from the payload is checked as `undefined`. */
export const PAYLOAD_FIELDS: { [T in PatientFact['type']]: Record<keyof Extract<PatientFact, { type: T }>['data'], Check> } = {
  PatientEnrolled: {
    patientId: identifier,
    sex: oneOf(SEXES),
    birthDate: date,
    researchAuthorization: oneOf(RESEARCH_AUTHORIZATIONS),
    treatmentHistory: oneOf(TREATMENT_HISTORIES),
  },
  DiagnosisRecorded: {
    diagnosisId: identifier,
    condition: oneOf(CONDITIONS),
    subtype: nullable((v) => (typeof v === 'string' ? null : 'must be a string or null')),
    components: listOf(ACTD_CONDITIONS),
    diagnosedOn: date,
    confirmedBy: listOf(CONFIRMATIONS),
  },
  LesionOnsetRecorded: {
    lesionId: identifier,
    site: oneOf(SITES),
    onsetOn: date,
    ulcerated: nullable(bool),
    painful: nullable(bool),
  },
  TreatmentStarted: {
    treatmentId: identifier,
    indication: oneOf(INDICATIONS),
    agent: agentCode,
    category: oneOf(CATEGORIES),
    dose: nullable(dose),
    doseUnit: nullable(text),
    startedOn: date,
    lesionIds: idList,
  },
  TreatmentStopped: { treatmentId: identifier, stoppedOn: date, reason: nullable(text) },
  ResponseGraded: { treatmentId: identifier, assessedOn: date, grade: oneOf(GRADES) },
  ContactRecorded: { seenOn: date },
  DeathRecorded: { diedOn: date, cause: nullable(text) },
};

/** Fields that name the fact itself; a correction may not change them. */
export const IDENTITY_FIELDS: readonly string[] = ['patientId', 'diagnosisId', 'lesionId', 'treatmentId', 'researchAuthorization'];

const SURGICAL_CALCINOSIS_AGENTS: readonly string[] = ['excision', 'low_frequency_ultrasound'];

/**
 * The checks of each fact type as a list, made once: payloadProblems runs for every fact of an import
 * twice (the row, then the decider), and listing the checks anew each time was a third of its cost.
 */
const CHECKS = Object.fromEntries(Object.entries(PAYLOAD_FIELDS).map(([type, fields]) => [type, Object.entries(fields as Record<string, Check>)])) as Record<
  PatientFact['type'],
  [string, Check][]
>;

/** Every problem of a payload, each naming its field (prefixed, e.g. `changes.site`). */
export function payloadProblems(type: PatientFact['type'], data: unknown, prefix = ''): FieldProblem[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [{ field: prefix || 'body', reason: 'must be an object' }];
  const fields = PAYLOAD_FIELDS[type] as Record<string, Check>;
  const record = data as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(record)) {
    if (!(key in fields)) problems.push({ field: prefix + key, reason: 'is not a field of this entry' });
  }
  const checks = CHECKS[type];
  for (let i = 0; i < checks.length; i++) {
    const [key, check] = checks[i];
    const reason = check(record[key]);
    if (reason) problems.push({ field: prefix + key, reason });
  }
  if (problems.length === 0) {
    const crossField = crossFieldProblems(type, record, prefix);
    for (const problem of crossField) problems.push(problem);
  }
  return problems;
}

function crossFieldProblems(type: PatientFact['type'], data: Record<string, unknown>, prefix: string): FieldProblem[] {
  if (type === 'DiagnosisRecorded') {
    const condition = data.condition as string;
    const subtypes: readonly string[] =
      condition === CALCINOSIS ? CALCINOSIS_SUBTYPES : ACTD_SUBTYPES[condition as keyof typeof ACTD_SUBTYPES];
    const problems: FieldProblem[] = [];
    if (data.subtype !== null && !subtypes.includes(data.subtype as string)) {
      problems.push({
        field: prefix + 'subtype',
        reason: subtypes.length ? `for ${condition} must be one of ${subtypes.join(', ')}` : `must be null for ${condition}`,
      });
    }
    if ((data.components as string[]).length > 0 && !CONDITIONS_WITH_COMPONENTS.includes(condition)) {
      problems.push({ field: prefix + 'components', reason: `must be empty for ${condition}` });
    }
    return problems;
  }
  if (type === 'TreatmentStarted' && data.indication === 'calcinosis') {
    const agent = data.agent as string;
    if (!(CALCINOSIS_AGENTS as readonly string[]).includes(agent)) {
      return [{ field: prefix + 'agent', reason: `for calcinosis must be one of ${CALCINOSIS_AGENTS.join(', ')}` }];
    }
    const expected = SURGICAL_CALCINOSIS_AGENTS.includes(agent) ? 'surgical' : 'medical';
    if (data.category !== expected) return [{ field: prefix + 'category', reason: `must be ${expected} for ${agent}` }];
  }
  return [];
}
