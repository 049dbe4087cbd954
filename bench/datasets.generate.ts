/**
 * A big synthetic log for the dataset benchmarks, appended straight through the store port (no
 * decider: the events are made plausible by construction). Patients are written in four rounds
 * (enrolment and diagnoses; treatments; contacts; deaths, corrections and retractions), so every
 * patient's stream is spread over the whole log as in a registry that follows people for years.
 */
import { mulberry32 } from '../src/synthetic/mulberry32';
import type { EventStore, NewEvent } from '../src/eventStore/eventStore.port';
import type { PatientEvent } from '../src/patients/patient.events';
import { patientStreamId } from '../src/patients/patient.events';
import { fromEpochDay } from '../src/shared/dates';


const pad = (i: number) => `BENCH-${String(i).padStart(6, '0')}`;
const eventIdOf = (i: number, round: number, k: number) => `${pad(i)}-${round}-${k}`;
const AGENTS = ['diltiazem', 'colchicine', 'minocycline', 'excision', 'prednisone', 'methotrexate'];
const GRADES = ['complete', 'partial', 'none', 'unknown'] as const;

/** The events of one round for patient i; every date hangs off the calcinosis diagnosis day0. */
function roundEvents(round: number, i: number, day0: number, rnd: () => number): PatientEvent[] {
  const date = (offset: number) => fromEpochDay(Math.min(day0 + offset, 16000));
  switch (round) {
    case 0:
      return [
        { type: 'PatientEnrolled', data: { patientId: pad(i), sex: rnd() < 0.8 ? 'female' : 'male', birthDate: fromEpochDay(day0 - 9000 - Math.floor(rnd() * 15000)), researchAuthorization: rnd() < 0.97 ? 'granted' : 'denied', treatmentHistory: 'documented' } },
        { type: 'DiagnosisRecorded', data: { diagnosisId: 'D1', condition: 'systemic_sclerosis', subtype: 'limited_cutaneous', components: [], diagnosedOn: date(-2000), confirmedBy: ['clinical'] } },
        { type: 'DiagnosisRecorded', data: { diagnosisId: 'D2', condition: 'calcinosis_cutis', subtype: 'dystrophic', components: [], diagnosedOn: date(0), confirmedBy: ['biopsy', 'ct'] } },
        { type: 'LesionOnsetRecorded', data: { lesionId: 'L1', site: 'hands_feet', onsetOn: date(-30), ulcerated: rnd() < 0.5, painful: true } },
        { type: 'LesionOnsetRecorded', data: { lesionId: 'L2', site: 'extremity', onsetOn: date(200), ulcerated: null, painful: false } },
      ];
    case 1:
      return [1, 2, 3, 4].flatMap((t): PatientEvent[] => {
        const start = 30 * t * t;
        const treatmentId = `T${t}`;
        const agent = AGENTS[Math.floor(rnd() * AGENTS.length)];
        const started: PatientEvent = { type: 'TreatmentStarted', data: { treatmentId, indication: t < 3 ? 'calcinosis' : 'actd', agent, category: agent === 'excision' ? 'surgical' : 'medical', dose: agent === 'excision' ? null : 10, doseUnit: agent === 'excision' ? null : 'mg/d', startedOn: date(start), lesionIds: [] } };
        if (t === 4) return [started];
        return [
          started,
          { type: 'TreatmentStopped', data: { treatmentId, stoppedOn: date(start + 90), reason: null } },
          { type: 'ResponseGraded', data: { treatmentId, assessedOn: date(start + 100), grade: GRADES[Math.floor(rnd() * 4)] } },
        ];
      });
    case 2:
      return Array.from({ length: 12 }, (_, k): PatientEvent => ({ type: 'ContactRecorded', data: { seenOn: date(400 + 150 * k) } }));
    default: {
      const last: PatientEvent[] = [{ type: 'EntryCorrected', data: { eventId: eventIdOf(i, 2, 11), changes: { seenOn: date(400 + 150 * 11 + 7) }, reason: 'date misread' } }];
      if (rnd() < 0.1) last.push({ type: 'EntryRetracted', data: { eventId: eventIdOf(i, 0, 4), reason: 'not a calcinosis lesion' } });
      if (rnd() < 0.3) last.push({ type: 'DeathRecorded', data: { diedOn: date(2400), cause: null } });
      return last;
    }
  }
}

/**
 * Appends `patients` x ~30 events, one append per patient and round; recordedAt advances one second
 * per append from 2015-01-01, so knowledge time and position go together. `onProgress` gets the head
 * after each round.
 */
export async function generateLog(store: EventStore, patients: number, seed: number, onProgress: (round: number, head: number) => void): Promise<void> {
  let clock = Date.parse('2015-01-01T00:00:00Z');
  for (let round = 0; round < 4; round++) {
    for (let i = 1; i <= patients; i++) {
      const day0 = 9000 + Math.floor(mulberry32(seed * 7919 + i)() * 5000);
      const rnd = mulberry32(seed * 31 + i * 4 + round);
      const recordedAt = new Date((clock += 1000)).toISOString();
      const stored: NewEvent[] = roundEvents(round, i, day0, rnd).map((e, k) => ({ eventId: eventIdOf(i, round, k), type: e.type, schemaVersion: 1, data: e.data, recordedAt, recordedBy: 'bench', correlationId: 'bench', causationId: null, metadata: {} }));
      await store.appendToStream(patientStreamId(pad(i)), stored, { expectedRevision: 'any' });
    }
    onProgress(round, await store.headPosition());
  }
}
