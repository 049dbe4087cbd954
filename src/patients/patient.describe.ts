/** Each event of a patient stream in words, for the history an auditor reads. */
import type { PatientEvent } from './patient.events';
import { entryOf, type PatientRecord } from './patient.record';

const yesNo = (value: boolean | null, word: string) => (value === null ? `${word} not recorded` : value ? word : `not ${word}`);
const list = (items: readonly string[]) => (items.length ? items.join(', ') : 'none');

/** `before` is the record just before the event, so a correction can name what it corrects. */
export function describeEvent(event: PatientEvent, before: PatientRecord): string {
  switch (event.type) {
    case 'PatientEnrolled': {
      const d = event.data;
      return `Enrolled patient ${d.patientId}: ${d.sex}, born ${d.birthDate ?? '(erased)'}; research authorization ${d.researchAuthorization}; treatment history ${d.treatmentHistory}`;
    }
    case 'DiagnosisRecorded': {
      const d = event.data;
      const subtype = d.subtype ? ` (${d.subtype})` : '';
      const components = d.components.length ? ` with features of ${list(d.components)}` : '';
      return `Diagnosis ${d.diagnosisId}: ${d.condition}${subtype}${components} on ${d.diagnosedOn}, confirmed by ${list(d.confirmedBy)}`;
    }
    case 'LesionOnsetRecorded': {
      const d = event.data;
      return `Lesion ${d.lesionId} (${d.site}) first noted on ${d.onsetOn}; ${yesNo(d.ulcerated, 'ulcerated')}, ${yesNo(d.painful, 'painful')}`;
    }
    case 'TreatmentStarted': {
      const d = event.data;
      const dose = d.dose === null ? '' : ` ${d.dose} ${d.doseUnit ?? ''}`.trimEnd();
      const targets = d.lesionIds.length ? `lesions ${list(d.lesionIds)}` : 'all lesions';
      return `Treatment ${d.treatmentId} started on ${d.startedOn}: ${d.agent}${dose} (${d.category}, for ${d.indication}; ${targets})`;
    }
    case 'TreatmentStopped':
      return `Treatment ${event.data.treatmentId} stopped on ${event.data.stoppedOn}${event.data.reason ? `: ${event.data.reason}` : ''}`;
    case 'ResponseGraded':
      return `Response to treatment ${event.data.treatmentId} graded ${event.data.grade} on ${event.data.assessedOn}`;
    case 'ContactRecorded':
      return `Seen alive on ${event.data.seenOn}`;
    case 'DeathRecorded':
      return `Died on ${event.data.diedOn}${event.data.cause ? ` (${event.data.cause})` : ' (cause unknown)'}`;
    case 'ResearchAuthorizationChanged':
      return `Research authorization changed from ${before.researchAuthorization} to ${event.data.researchAuthorization}: ${event.data.reason}`;
    case 'EntryCorrected': {
      const target = entryOf(before, event.data.eventId);
      return `Corrected ${target?.type ?? 'an unknown entry'} ${event.data.eventId}: ${event.data.reason}`;
    }
    case 'EntryRetracted': {
      const target = entryOf(before, event.data.eventId);
      return `Retracted ${target?.type ?? 'an unknown entry'} ${event.data.eventId}: ${event.data.reason}`;
    }
    case 'IdentityErased':
      return `Identity erased (${event.data.mode === 'exclude' ? 'excluded from every dataset' : 'kept in datasets anonymously'}); the patient is ${event.data.anonymousId} from now on`;
  }
}
