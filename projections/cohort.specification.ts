/**
 * Hand-built logs for projection specs: each call appends one event at the next position, recorded
 * at the instant last set with `at` (knowledge time), and returns its event id for corrections.
 */
import type { PatientEvent, PatientEnrolled, RecordedPatientEvent } from '../src/patients/patient.events';
import type { Grade } from '../src/patients/patient.vocabulary';
import { emptyCohort, foldCohort, type CohortState, type KnowledgeCut, type LoggedPatientEvent } from './cohort.fold';
import type { Projection, RowsOptions } from './projection';
import { textTable } from './row.format';

type Enrolment = Partial<PatientEnrolled['data']>;

export class GivenLog {
  readonly events: LoggedPatientEvent[] = [];
  private recordedAt = '2012-01-01T00:00:00.000Z';

  at(instant: string): this {
    this.recordedAt = instant;
    return this;
  }

  add(patientId: string, event: PatientEvent): string {
    const position = this.events.length + 1;
    const eventId = `${patientId}/${position}`;
    this.events.push({ patientId, position, event: { ...event, eventId, recordedAt: this.recordedAt } as RecordedPatientEvent });
    return eventId;
  }

  enrol(patientId: string, data: Enrolment = {}): string {
    const defaults = { patientId, sex: 'female', birthDate: '1950-06-15', researchAuthorization: 'granted', treatmentHistory: 'documented' } as const;
    return this.add(patientId, { type: 'PatientEnrolled', data: { ...defaults, ...data } });
  }

  diagnose(patientId: string, condition: string, diagnosedOn: string, extra: { subtype?: string; confirmedBy?: string[]; components?: string[] } = {}): string {
    const data = { diagnosisId: `D${this.events.length + 1}`, condition, subtype: extra.subtype ?? null, components: extra.components ?? [], diagnosedOn, confirmedBy: extra.confirmedBy ?? ['clinical'] };
    return this.add(patientId, { type: 'DiagnosisRecorded', data } as PatientEvent);
  }

  lesion(patientId: string, lesionId: string, onsetOn: string, extra: { site?: string; ulcerated?: boolean | null; painful?: boolean | null } = {}): string {
    const data = { lesionId, site: extra.site ?? 'extremity', onsetOn, ulcerated: extra.ulcerated ?? null, painful: extra.painful ?? null };
    return this.add(patientId, { type: 'LesionOnsetRecorded', data } as PatientEvent);
  }

  start(patientId: string, treatmentId: string, agent: string, startedOn: string, extra: { indication?: 'calcinosis' | 'actd'; category?: 'medical' | 'surgical' } = {}): string {
    const data = { treatmentId, indication: extra.indication ?? 'calcinosis', agent, category: extra.category ?? 'medical', dose: null, doseUnit: null, startedOn, lesionIds: [] };
    return this.add(patientId, { type: 'TreatmentStarted', data });
  }

  stop(patientId: string, treatmentId: string, stoppedOn: string): string {
    return this.add(patientId, { type: 'TreatmentStopped', data: { treatmentId, stoppedOn, reason: null } });
  }

  grade(patientId: string, treatmentId: string, assessedOn: string, grade: Grade): string {
    return this.add(patientId, { type: 'ResponseGraded', data: { treatmentId, assessedOn, grade } });
  }

  contact(patientId: string, seenOn: string): string {
    return this.add(patientId, { type: 'ContactRecorded', data: { seenOn } });
  }

  death(patientId: string, diedOn: string): string {
    return this.add(patientId, { type: 'DeathRecorded', data: { diedOn, cause: null } });
  }

  correct(patientId: string, eventId: string, changes: Record<string, unknown>): string {
    return this.add(patientId, { type: 'EntryCorrected', data: { eventId, changes, reason: 'chart review' } });
  }

  retract(patientId: string, eventId: string): string {
    return this.add(patientId, { type: 'EntryRetracted', data: { eventId, reason: 'recorded on the wrong patient' } });
  }

  authorize(patientId: string, researchAuthorization: 'granted' | 'denied'): string {
    return this.add(patientId, { type: 'ResearchAuthorizationChanged', data: { researchAuthorization, reason: 'patient request' } });
  }

  cohort(cut: KnowledgeCut = {}): CohortState {
    return foldCohort(emptyCohort(), this.events, cut);
  }

  rows(projection: Projection, options: RowsOptions & KnowledgeCut = {}) {
    const { asOf, ...cut } = options;
    return projection.rows(this.cohort(cut), { asOf });
  }

  /** The rows as their canonical CSV text, one object per row: what a reader of the CSV sees. */
  text(projection: Projection, options: RowsOptions & KnowledgeCut = {}): Record<string, string>[] {
    const [header, ...rows] = textTable(projection.columns, this.rows(projection, options));
    return rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]])));
  }
}
