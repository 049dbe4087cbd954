/**
 * The events of a patient stream: the contract between the write side and every projection.
 * Payloads carry clinical (valid) time only, as ISO dates; record time lives in the envelope.
 */
import type { IsoDate } from '../shared/dates';
import type {
  Category,
  Condition,
  Confirmation,
  Grade,
  Indication,
  ResearchAuthorization,
  Sex,
  Site,
  TreatmentHistory,
} from './patient.vocabulary';
import type { ErasureMode } from './patient.erasure';

type Event<Type extends string, Data> = { type: Type; data: Data };

export type PatientEnrolled = Event<
  'PatientEnrolled',
  {
    patientId: string;
    sex: Sex;
    /** null only once the patient's identity is erased (docs/erasure.md): new enrolments always carry one */
    birthDate: IsoDate | null;
    researchAuthorization: ResearchAuthorization;
    treatmentHistory: TreatmentHistory;
  }
>;

export type DiagnosisRecorded = Event<
  'DiagnosisRecorded',
  {
    diagnosisId: string;
    condition: Condition;
    subtype: string | null;
    components: string[];
    diagnosedOn: IsoDate;
    confirmedBy: Confirmation[];
  }
>;

export type LesionOnsetRecorded = Event<
  'LesionOnsetRecorded',
  { lesionId: string; site: Site; onsetOn: IsoDate; ulcerated: boolean | null; painful: boolean | null }
>;

export type TreatmentStarted = Event<
  'TreatmentStarted',
  {
    treatmentId: string;
    indication: Indication;
    agent: string;
    category: Category;
    dose: number | null;
    doseUnit: string | null;
    startedOn: IsoDate;
    /** the lesions the course targets; empty means all */
    lesionIds: string[];
  }
>;

export type TreatmentStopped = Event<
  'TreatmentStopped',
  { treatmentId: string; stoppedOn: IsoDate; reason: string | null }
>;

export type ResponseGraded = Event<'ResponseGraded', { treatmentId: string; assessedOn: IsoDate; grade: Grade }>;

export type ContactRecorded = Event<'ContactRecorded', { seenOn: IsoDate }>;

export type DeathRecorded = Event<'DeathRecorded', { diedOn: IsoDate; cause: string | null }>;

export type ResearchAuthorizationChanged = Event<
  'ResearchAuthorizationChanged',
  { researchAuthorization: ResearchAuthorization; reason: string }
>;

/** Changes fields of an earlier fact; the earlier event stays in the log unchanged. */
export type EntryCorrected = Event<
  'EntryCorrected',
  { eventId: string; changes: Record<string, unknown>; reason: string }
>;

/** Withdraws an earlier fact that should never have been recorded. */
export type EntryRetracted = Event<'EntryRetracted', { eventId: string; reason: string }>;

/**
 * The patient's identifying data was made unreadable on request (its data key shredded). `anonymousId`
 * is what the patient goes by from now on; `exclude` also denies research authorization.
 */
export type IdentityErased = Event<'IdentityErased', { mode: ErasureMode; anonymousId: string; reason: string }>;

/** Facts about the patient: the events that corrections and retractions may target. */
export type PatientFact =
  | PatientEnrolled
  | DiagnosisRecorded
  | LesionOnsetRecorded
  | TreatmentStarted
  | TreatmentStopped
  | ResponseGraded
  | ContactRecorded
  | DeathRecorded;

export type PatientEvent = PatientFact | ResearchAuthorizationChanged | EntryCorrected | EntryRetracted | IdentityErased;
export type PatientEventType = PatientEvent['type'];

export const FACT_TYPES: readonly PatientFact['type'][] = [
  'PatientEnrolled',
  'DiagnosisRecorded',
  'LesionOnsetRecorded',
  'TreatmentStarted',
  'TreatmentStopped',
  'ResponseGraded',
  'ContactRecorded',
  'DeathRecorded',
];

export const PATIENT_EVENT_TYPES: readonly PatientEventType[] = [
  ...FACT_TYPES,
  'ResearchAuthorizationChanged',
  'EntryCorrected',
  'EntryRetracted',
  'IdentityErased',
];

/** Current shape of every payload; upcasters (when a shape changes) bring older versions up to it. */
export const PATIENT_EVENT_SCHEMA_VERSION = 1;

/** What the fold needs from a stored event's envelope besides the event itself. */
/** `position` is the event's place in the log once stored (absent while a command is being decided). */
export type RecordedPatientEvent = PatientEvent & { eventId: string; recordedAt: string; position?: number };

/**
 * A patient stream is named by its key: an opaque stream key (src/erasure/patientStreams.ts maps a
 * registry id to it), or the registry id itself for a legacy stream written before stream keys.
 */
export const PATIENT_STREAM_PREFIX = 'patient-';
export const patientStreamId = (streamKey: string): string => `${PATIENT_STREAM_PREFIX}${streamKey}`;
export const streamKeyOf = (streamId: string): string => streamId.slice(PATIENT_STREAM_PREFIX.length);
/** @deprecated the key of a stream is not a registry id any more: use streamKeyOf, or the record's patientId */
export const patientIdOfStream = streamKeyOf;
