/**
 * How corrections and retractions apply: the effective record of one patient, folded from its stream.
 * It is part of the event contract, so both the decider and the projections fold with it and a
 * correction can never mean one thing on the write side and another in an analysis.
 */
import type { IsoDate } from '../shared/dates';
import type {
  ContactRecorded,
  DeathRecorded,
  DiagnosisRecorded,
  LesionOnsetRecorded,
  PatientEnrolled,
  PatientFact,
  RecordedPatientEvent,
  ResponseGraded,
  TreatmentStarted,
  TreatmentStopped,
} from './patient.events';
import { FACT_TYPES } from './patient.events';
import type { ResearchAuthorization } from './patient.vocabulary';

export interface Entry<F extends PatientFact = PatientFact> {
  eventId: string;
  type: F['type'];
  /** the payload with every correction recorded so far applied */
  data: F['data'];
  recordedAt: string;
  /** when each correction of this fact was recorded, in log order */
  correctedAt: readonly string[];
  retracted: boolean;
}

export interface PatientRecord {
  patientId: string | null;
  researchAuthorization: ResearchAuthorization | null;
  /** every fact ever recorded, retracted ones included, by event id */
  entries: Readonly<Record<string, Entry>>;
  /** fact event ids in log order */
  order: readonly string[];
}

export const emptyRecord = (): PatientRecord => ({
  patientId: null,
  researchAuthorization: null,
  entries: {},
  order: [],
});

const isFactType = (type: string): type is PatientFact['type'] =>
  (FACT_TYPES as readonly string[]).includes(type);

export function applyToRecord(record: PatientRecord, event: RecordedPatientEvent): PatientRecord {
  switch (event.type) {
    case 'EntryCorrected': {
      const entry = record.entries[event.data.eventId];
      if (!entry) return record;
      const data = { ...entry.data, ...event.data.changes } as PatientFact['data'];
      const corrected: Entry = { ...entry, data, correctedAt: [...entry.correctedAt, event.recordedAt] };
      return { ...record, entries: { ...record.entries, [entry.eventId]: corrected } };
    }
    case 'EntryRetracted': {
      const entry = record.entries[event.data.eventId];
      if (!entry) return record;
      return { ...record, entries: { ...record.entries, [entry.eventId]: { ...entry, retracted: true } } };
    }
    case 'ResearchAuthorizationChanged':
      return { ...record, researchAuthorization: event.data.researchAuthorization };
    default: {
      if (!isFactType(event.type)) return record;
      const entry: Entry = {
        eventId: event.eventId,
        type: event.type,
        data: event.data,
        recordedAt: event.recordedAt,
        correctedAt: [],
        retracted: false,
      };
      const enrolment = event.type === 'PatientEnrolled' ? event.data : null;
      return {
        patientId: enrolment?.patientId ?? record.patientId,
        researchAuthorization: enrolment?.researchAuthorization ?? record.researchAuthorization,
        entries: { ...record.entries, [event.eventId]: entry },
        order: [...record.order, event.eventId],
      };
    }
  }
}

type Live<F extends PatientFact> = F['data'] & { eventId: string };

/** The facts that stand now: retracted entries dropped, corrections applied, in log order. */
export interface PatientFacts {
  enrolment: (Live<PatientEnrolled> & { researchAuthorization: ResearchAuthorization }) | null;
  diagnoses: Live<DiagnosisRecorded>[];
  lesions: Live<LesionOnsetRecorded>[];
  treatments: Live<TreatmentStarted>[];
  stops: Live<TreatmentStopped>[];
  responses: Live<ResponseGraded>[];
  contacts: Live<ContactRecorded>[];
  deaths: Live<DeathRecorded>[];
}

export function liveFacts(record: PatientRecord): PatientFacts {
  const facts: PatientFacts = {
    enrolment: null,
    diagnoses: [],
    lesions: [],
    treatments: [],
    stops: [],
    responses: [],
    contacts: [],
    deaths: [],
  };
  for (const id of record.order) {
    const entry = record.entries[id];
    if (entry.retracted) continue;
    const live = { ...entry.data, eventId: entry.eventId } as never;
    switch (entry.type) {
      case 'PatientEnrolled':
        facts.enrolment = { ...(live as Live<PatientEnrolled>), researchAuthorization: record.researchAuthorization! };
        break;
      case 'DiagnosisRecorded': facts.diagnoses.push(live); break;
      case 'LesionOnsetRecorded': facts.lesions.push(live); break;
      case 'TreatmentStarted': facts.treatments.push(live); break;
      case 'TreatmentStopped': facts.stops.push(live); break;
      case 'ResponseGraded': facts.responses.push(live); break;
      case 'ContactRecorded': facts.contacts.push(live); break;
      case 'DeathRecorded': facts.deaths.push(live); break;
    }
  }
  return facts;
}

/** The clinical date of each kind of fact: what date rules and valid-time cut-offs look at. */
export function dateOf(type: PatientFact['type'], data: PatientFact['data']): IsoDate {
  return (data as unknown as Record<string, IsoDate>)[DATE_FIELD[type]];
}

export const DATE_FIELD: Record<PatientFact['type'], string> = {
  PatientEnrolled: 'birthDate',
  DiagnosisRecorded: 'diagnosedOn',
  LesionOnsetRecorded: 'onsetOn',
  TreatmentStarted: 'startedOn',
  TreatmentStopped: 'stoppedOn',
  ResponseGraded: 'assessedOn',
  ContactRecorded: 'seenOn',
  DeathRecorded: 'diedOn',
};
