/**
 * Model-based property test of the write side with many patients: random command sequences run
 * through the real command loop and store (the system) and through the pure decider alone (the model).
 * They must accept and refuse the same commands, a refused command must leave the log untouched, no
 * patient may end in a state that breaks a rule, and every dataset folded from the log must equal the
 * dataset folded from the model's accepted events alone.
 */
import fc from 'fast-check';
import { emptyCohort, foldCohort, type LoggedPatientEvent } from '../../projections/cohort.fold';
import { DATASETS } from '../../projections/dataset.registry';
import { textTable } from '../../projections/row.format';
import { toLoggedPatientEvent } from '../../src/datasets/loggedEvent';
import { MemoryEventStore } from '../../src/eventStore/memory.adapter';
import type { PatientCommand } from '../../src/patients/patient.commands';
import { decide, evolve, initialState, type PatientState } from '../../src/patients/patient.decider';
import type { RecordedPatientEvent } from '../../src/patients/patient.events';
import { liveFacts } from '../../src/patients/patient.facts';
import { violations } from '../../src/patients/patient.rules';
import { patientStream } from '../../src/patients/patient.stream';
import { DomainError } from '../../src/shared/domain.error';
import { handleCommand } from '../../src/shared/handleCommand';

const NOW = '2011-06-30T12:00:00.000Z';
const PATIENTS = ['A', 'B', 'C', 'D'];
const day = fc.integer({ min: 0, max: 40 * 365 }).map((d) => new Date(Date.UTC(1965, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const id = fc.constantFrom('1', '2');
const ref = fc.integer({ min: 1, max: 60 }).map((n) => `id-${n}`);

const commandData = fc.oneof(
  { weight: 1, arbitrary: fc.record({ type: fc.constant('EnrollPatient'), data: fc.record({ sex: fc.constantFrom('female', 'male'), birthDate: fc.constantFrom('1950-01-01', '1960-06-15'), researchAuthorization: fc.constantFrom('granted', 'denied'), treatmentHistory: fc.constant('documented') }) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('RecordDiagnosis'), data: fc.record({ diagnosisId: id, condition: fc.constantFrom('calcinosis_cutis', 'sle'), subtype: fc.constant(null), components: fc.constant([]), diagnosedOn: day, confirmedBy: fc.constant(['biopsy']) }) }) },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('RecordContact'), data: fc.record({ seenOn: day }) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('RecordLesionOnset'), data: fc.record({ lesionId: id, site: fc.constantFrom('trunk', 'head'), onsetOn: day, ulcerated: fc.constant(null), painful: fc.constant(true) }) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('StartTreatment'), data: fc.record({ treatmentId: id, indication: fc.constant('calcinosis'), agent: fc.constant('excision'), category: fc.constant('surgical'), dose: fc.constant(null), doseUnit: fc.constant(null), startedOn: day, lesionIds: fc.constant([]) }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('StopTreatment'), data: fc.record({ treatmentId: id, stoppedOn: day, reason: fc.constant(null) }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('GradeResponse'), data: fc.record({ treatmentId: id, assessedOn: day, grade: fc.constantFrom('complete', 'partial') }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('RecordDeath'), data: fc.record({ diedOn: day, cause: fc.constant(null) }) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('CorrectEntry'), data: fc.record({ eventId: ref, changes: fc.oneof(fc.record({ seenOn: day }), fc.record({ onsetOn: day }), fc.record({ diagnosedOn: day }), fc.record({ diedOn: day })), reason: fc.constant('property') }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('RetractEntry'), data: fc.record({ eventId: ref, reason: fc.constant('property') }) }) },
);
const step = fc.tuple(fc.constantFrom(...PATIENTS), commandData);

const datasetsOf = (logged: LoggedPatientEvent[]) => {
  const cohort = foldCohort(emptyCohort(), logged);
  return DATASETS.map((d) => textTable(d.columns, d.rows(cohort, {})));
};

describe('the write side, model against system (property)', () => {
  it('accepts and refuses alike, refused commands write nothing, rules hold, datasets equal the accepted events', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 60 }), async (steps) => {
        const store = new MemoryEventStore();
        let systemIds = 0;
        let modelIds = 0;
        const model = new Map<string, PatientState>();
        const modelLog: LoggedPatientEvent[] = [];
        // Most runs enrol everyone first, so that the commands after it are worth deciding.
        const enrolFirst = PATIENTS.map((patientId) => [patientId, { type: 'EnrollPatient', data: { sex: 'female', birthDate: '1950-01-01', researchAuthorization: 'granted', treatmentHistory: 'documented' } }] as const);
        for (const [patientId, raw] of [...(steps.length % 4 === 0 ? [] : enrolFirst), ...steps]) {
          const data = raw.type === 'EnrollPatient' ? { ...raw.data, patientId } : raw.data;
          const command = { type: raw.type, data, metadata: { now: NOW, recordedBy: 'property' } } as PatientCommand;
          const state = model.get(patientId) ?? initialState();
          let modelEvents: ReturnType<typeof decide> | null = null;
          try {
            modelEvents = decide(command, state);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
          const head = await store.headPosition();
          const system = await handleCommand({ store, newId: () => `id-${++systemIds}` }, patientStream, `patient-${patientId}`, [command], {
            recordedAt: NOW,
            recordedBy: 'property',
            correlationId: 'property',
            causationId: null,
          }).then(() => 'accepted', (error) => (error instanceof DomainError ? 'refused' : Promise.reject(error)));
          expect(system).toBe(modelEvents ? 'accepted' : 'refused');
          if (!modelEvents) {
            expect(await store.headPosition()).toBe(head);
            continue;
          }
          accepted++;
          let next = state;
          for (const event of modelEvents) {
            const recorded = { ...event, eventId: `id-${++modelIds}`, recordedAt: NOW } as RecordedPatientEvent;
            next = evolve(next, recorded);
            modelLog.push({ patientId, position: modelLog.length + 1, event: recorded });
          }
          model.set(patientId, next);
        }
        for (const state of model.values()) expect(violations(liveFacts(state))).toEqual([]);
        const systemLog = (await store.readAll()).map(toLoggedPatientEvent).filter((e): e is LoggedPatientEvent => e !== null);
        expect(datasetsOf(systemLog)).toEqual(datasetsOf(modelLog));
      }),
      { numRuns: 150 },
    );
    // worth something only if many commands got through
    expect(accepted).toBeGreaterThan(500);
  }, 120_000);
});
