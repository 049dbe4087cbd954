/**
 * The Cohort CSV bundle (shared/spec/cohort-csv.md) as data: its files, their columns, how a cell reads
 * into an event payload field and how a field writes back into a cell, and which facts a row states.
 * Import and export both read this one table, so whatever the export writes the import reads back.
 */
import type { PatientFact } from '../patients/patient.events';

export type FactType = PatientFact['type'];

/** A cell read: the payload value, or why the cell cannot be one. */
export type CellRead = { value: unknown } | { problem: string };

export interface Codec {
  read(cell: string): CellRead;
  write(value: unknown): string;
}

// Cells keep their text: identifiers, dates and terms are judged by payloadProblems, the one checker
// the API uses too, so the import accepts exactly what the API accepts.
const asIs: Codec = { read: (cell) => ({ value: cell }), write: (value) => String(value) };
const blankIsNull: Codec = {
  read: (cell) => ({ value: cell === '' ? null : cell }),
  write: (value) => (value === null || value === undefined ? '' : String(value)),
};
const list: Codec = {
  read: (cell) => ({ value: cell === '' ? [] : cell.split(';') }),
  write: (value) => (value as string[]).join(';'),
};
const yesNo: Codec = {
  read: (cell) =>
    cell === '' ? { value: null } : cell === 'yes' ? { value: true } : cell === 'no' ? { value: false } : { problem: 'must be yes, no or blank' },
  write: (value) => (value === null || value === undefined ? '' : value ? 'yes' : 'no'),
};
const number: Codec = {
  read: (cell) =>
    cell === '' ? { value: null } : /^-?\d+(\.\d+)?$/.test(cell) ? { value: Number(cell) } : { problem: 'must be a decimal number such as 1.2, or blank' },
  // Numbers are written in their shortest form (1.20 comes back as 1.2): the record keeps numbers, not text.
  write: (value) => (value === null || value === undefined ? '' : String(value)),
};

export interface Column {
  name: string;
  /** the payload field (or patientId) the cell fills */
  field: string;
  codec: Codec;
  /** a column whose cells may all be blank may be left out of the header */
  optional?: boolean;
}

/** One fact a row states: its type, the row fields that form its payload, fixed payload values. */
export interface FactMapping {
  type: FactType;
  fields: readonly string[];
  fixed?: Record<string, unknown>;
  /** the row states this fact only when the field is filled (a course stops only when stopped_on is) */
  whenFilled?: string;
}

export interface BundleFile {
  name: string;
  columns: readonly Column[];
  /** the first mapping is the row's own fact; later ones share its key (a course's stop) */
  facts: readonly FactMapping[];
}

const patientId: Column = { name: 'patient_id', field: 'patientId', codec: asIs };

export const BUNDLE_FILES: readonly BundleFile[] = [
  {
    name: 'patients.csv',
    columns: [
      patientId,
      { name: 'sex', field: 'sex', codec: asIs },
      { name: 'birth_date', field: 'birthDate', codec: asIs },
      { name: 'research_authorization', field: 'researchAuthorization', codec: asIs },
      { name: 'treatment_history', field: 'treatmentHistory', codec: asIs },
    ],
    facts: [{ type: 'PatientEnrolled', fields: ['patientId', 'sex', 'birthDate', 'researchAuthorization', 'treatmentHistory'] }],
  },
  {
    name: 'diagnoses.csv',
    columns: [
      patientId,
      { name: 'diagnosis_id', field: 'diagnosisId', codec: asIs },
      { name: 'condition', field: 'condition', codec: asIs },
      { name: 'subtype', field: 'subtype', codec: blankIsNull, optional: true },
      { name: 'components', field: 'components', codec: list, optional: true },
      { name: 'diagnosed_on', field: 'diagnosedOn', codec: asIs },
      { name: 'confirmed_by', field: 'confirmedBy', codec: list, optional: true },
    ],
    facts: [{ type: 'DiagnosisRecorded', fields: ['diagnosisId', 'condition', 'subtype', 'components', 'diagnosedOn', 'confirmedBy'] }],
  },
  {
    name: 'lesions.csv',
    columns: [
      patientId,
      { name: 'lesion_id', field: 'lesionId', codec: asIs },
      { name: 'site', field: 'site', codec: asIs },
      { name: 'onset_on', field: 'onsetOn', codec: asIs },
      { name: 'ulcerated', field: 'ulcerated', codec: yesNo, optional: true },
      { name: 'painful', field: 'painful', codec: yesNo, optional: true },
    ],
    facts: [{ type: 'LesionOnsetRecorded', fields: ['lesionId', 'site', 'onsetOn', 'ulcerated', 'painful'] }],
  },
  {
    name: 'treatments.csv',
    columns: [
      patientId,
      { name: 'treatment_id', field: 'treatmentId', codec: asIs },
      { name: 'indication', field: 'indication', codec: asIs },
      { name: 'agent', field: 'agent', codec: asIs },
      { name: 'category', field: 'category', codec: asIs },
      { name: 'dose', field: 'dose', codec: number, optional: true },
      { name: 'dose_unit', field: 'doseUnit', codec: blankIsNull, optional: true },
      { name: 'started_on', field: 'startedOn', codec: asIs },
      { name: 'stopped_on', field: 'stoppedOn', codec: blankIsNull, optional: true },
      { name: 'lesion_ids', field: 'lesionIds', codec: list, optional: true },
    ],
    facts: [
      { type: 'TreatmentStarted', fields: ['treatmentId', 'indication', 'agent', 'category', 'dose', 'doseUnit', 'startedOn', 'lesionIds'] },
      // The format has no column for why a course stopped; a reason recorded through the API is kept.
      { type: 'TreatmentStopped', fields: ['treatmentId', 'stoppedOn'], fixed: { reason: null }, whenFilled: 'stoppedOn' },
    ],
  },
  {
    name: 'responses.csv',
    columns: [
      patientId,
      { name: 'treatment_id', field: 'treatmentId', codec: asIs },
      { name: 'assessed_on', field: 'assessedOn', codec: asIs },
      { name: 'grade', field: 'grade', codec: asIs },
    ],
    facts: [{ type: 'ResponseGraded', fields: ['treatmentId', 'assessedOn', 'grade'] }],
  },
  {
    name: 'contacts.csv',
    columns: [patientId, { name: 'seen_on', field: 'seenOn', codec: asIs }],
    facts: [{ type: 'ContactRecorded', fields: ['seenOn'] }],
  },
  {
    name: 'deaths.csv',
    columns: [patientId, { name: 'died_on', field: 'diedOn', codec: asIs }, { name: 'cause', field: 'cause', codec: blankIsNull, optional: true }],
    facts: [{ type: 'DeathRecorded', fields: ['diedOn', 'cause'] }],
  },
];

export const PATIENTS_FILE = 'patients.csv';

/**
 * What identifies a fact within its patient, for duplicates and for matching a re-import against the
 * record: ids, a contact's day (the decider refuses two contacts on one day), a grade's course and day.
 * No key fields: at most one per patient.
 */
export const FACT_KEY: Record<FactType, readonly string[]> = {
  PatientEnrolled: [],
  DiagnosisRecorded: ['diagnosisId'],
  LesionOnsetRecorded: ['lesionId'],
  TreatmentStarted: ['treatmentId'],
  TreatmentStopped: ['treatmentId'],
  ResponseGraded: ['treatmentId', 'assessedOn'],
  ContactRecorded: ['seenOn'],
  DeathRecorded: [],
};

export function factKey(type: FactType, data: object): string {
  const fields = FACT_KEY[type];
  const value = (field: string) => String((data as Record<string, unknown>)[field]);
  // one field (most kinds): its value as it is, no list and no new string for each of millions of facts
  return fields.length === 1 ? value(fields[0]) : fields.map(value).join('|');
}

/** The column that names a fact of a file: where a duplicate or a clash is reported. */
export function keyColumnOf(file: BundleFile, type: FactType): string {
  const keyFields = FACT_KEY[type];
  return keyFields.length ? columnOf(file, keyFields[keyFields.length - 1]) : 'patient_id';
}

/** Where each fact type comes from: its file and mapping. */
export const SOURCE_OF_FACT = new Map<FactType, { file: BundleFile; mapping: FactMapping }>(
  BUNDLE_FILES.flatMap((file) => file.facts.map((mapping) => [mapping.type, { file, mapping }] as const)),
);

/** The column that holds a payload field in a file ('' when the file has none). */
export const columnOf = (file: BundleFile, field: string): string => file.columns.find((c) => c.field === field)?.name ?? '';
