/** How a stored event enters the projections: patient streams only, upcast by the write side's own rule. */
import type { StoredEvent } from '../eventStore/eventStore.port';
import { PATIENT_STREAM_PREFIX, patientIdOfStream } from '../patients/patient.events';
import { toRecordedPatientEvent } from '../patients/patient.stream';
import type { LoggedPatientEvent } from '../../projections/cohort.fold';

/** null for events of other streams (imports, users, ...), which no dataset folds. */
export function toLoggedPatientEvent(stored: StoredEvent): LoggedPatientEvent | null {
  if (!stored.streamId.startsWith(PATIENT_STREAM_PREFIX)) return null;
  return { patientId: patientIdOfStream(stored.streamId), position: stored.position, event: toRecordedPatientEvent(stored) };
}
