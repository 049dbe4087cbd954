/**
 * What a user asks of a patient stream. The shell adds `metadata` (the instant from its clock and the
 * authenticated user); the core never reads a clock.
 */
import type { IdentityErased, PatientEnrolled, PatientFact, ResearchAuthorizationChanged } from './patient.events';

export interface CommandMetadata {
  /** ISO instant at which the command is handled */
  now: string;
  recordedBy: string;
}

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };
type DataOf<T extends PatientFact['type']> = Extract<PatientFact, { type: T }>['data'];

export type EnrollPatient = Command<'EnrollPatient', PatientEnrolled['data']>;
export type RecordDiagnosis = Command<'RecordDiagnosis', DataOf<'DiagnosisRecorded'>>;
export type RecordLesionOnset = Command<'RecordLesionOnset', DataOf<'LesionOnsetRecorded'>>;
export type StartTreatment = Command<'StartTreatment', DataOf<'TreatmentStarted'>>;
export type StopTreatment = Command<'StopTreatment', DataOf<'TreatmentStopped'>>;
export type GradeResponse = Command<'GradeResponse', DataOf<'ResponseGraded'>>;
export type RecordContact = Command<'RecordContact', DataOf<'ContactRecorded'>>;
export type RecordDeath = Command<'RecordDeath', DataOf<'DeathRecorded'>>;
export type ChangeResearchAuthorization = Command<'ChangeResearchAuthorization', ResearchAuthorizationChanged['data']>;
export type CorrectEntry = Command<'CorrectEntry', { eventId: string; changes: Record<string, unknown>; reason: string }>;
export type RetractEntry = Command<'RetractEntry', { eventId: string; reason: string }>;
/** The shell names the anonymous id (from the stream key) and shreds the data key after the append. */
export type EraseIdentity = Command<'EraseIdentity', IdentityErased['data']>;

export type PatientCommand =
  | EnrollPatient
  | RecordDiagnosis
  | RecordLesionOnset
  | StartTreatment
  | StopTreatment
  | GradeResponse
  | RecordContact
  | RecordDeath
  | ChangeResearchAuthorization
  | CorrectEntry
  | RetractEntry
  | EraseIdentity;

/** The fact each recording command produces. */
export const FACT_OF_COMMAND = {
  EnrollPatient: 'PatientEnrolled',
  RecordDiagnosis: 'DiagnosisRecorded',
  RecordLesionOnset: 'LesionOnsetRecorded',
  StartTreatment: 'TreatmentStarted',
  StopTreatment: 'TreatmentStopped',
  GradeResponse: 'ResponseGraded',
  RecordContact: 'ContactRecorded',
  RecordDeath: 'DeathRecorded',
} as const satisfies Partial<Record<PatientCommand['type'], PatientFact['type']>>;

export type RecordingCommand = Extract<PatientCommand, { type: keyof typeof FACT_OF_COMMAND }>;
