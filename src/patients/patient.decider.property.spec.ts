import fc from 'fast-check';
import { DomainError } from '../shared/domain.error';
import type { PatientCommand } from './patient.commands';
import { decide, evolve, initialState, type PatientState } from './patient.decider';
import type { RecordedPatientEvent } from './patient.events';
import { liveFacts } from './patient.facts';
import { violations } from './patient.rules';

const metadata = { now: '2011-06-30T12:00:00Z', recordedBy: 'property' };
const day = fc.integer({ min: 0, max: 50 * 365 }).map((d) => new Date(Date.UTC(1960, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const id = fc.constantFrom('A', 'B', 'C');
const eventRef = fc.integer({ min: 0, max: 40 });

/** Commands with plausible and implausible values alike: the decider must sort them out. */
const command = (state: PatientState) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ type: fc.constant('RecordContact'), data: fc.record({ seenOn: day }) }) },
    fc.record({ type: fc.constant('RecordLesionOnset'), data: fc.record({ lesionId: id, site: fc.constantFrom('hands_feet', 'trunk'), onsetOn: day, ulcerated: fc.constant(null), painful: fc.boolean() }) }),
    fc.record({
      type: fc.constant('StartTreatment'),
      data: fc.record({ treatmentId: id, indication: fc.constant('actd'), agent: fc.constant('prednisone'), category: fc.constant('medical'), dose: fc.constant(null), doseUnit: fc.constant(null), startedOn: day, lesionIds: fc.subarray(['A', 'B']) }),
    }),
    fc.record({ type: fc.constant('StopTreatment'), data: fc.record({ treatmentId: id, stoppedOn: day, reason: fc.constant(null) }) }),
    fc.record({ type: fc.constant('GradeResponse'), data: fc.record({ treatmentId: id, assessedOn: day, grade: fc.constantFrom('complete', 'none') }) }),
    { weight: 1, arbitrary: fc.record({ type: fc.constant('RecordDeath'), data: fc.record({ diedOn: day, cause: fc.constant(null) }) }) },
    fc.record({ type: fc.constant('CorrectEntry'), data: fc.record({ eventId: eventRef.map((i) => state.entries[i % Math.max(1, state.entries.length)]?.eventId ?? 'none'), changes: fc.oneof(fc.record({ seenOn: day }), fc.record({ onsetOn: day }), fc.record({ startedOn: day }), fc.record({ stoppedOn: day }), fc.record({ diedOn: day }), fc.record({ birthDate: day })), reason: fc.constant('property') }) }),
    fc.record({ type: fc.constant('RetractEntry'), data: fc.record({ eventId: eventRef.map((i) => state.entries[i % Math.max(1, state.entries.length)]?.eventId ?? 'none'), reason: fc.constant('property') }) }),
  ) as fc.Arbitrary<Omit<PatientCommand, 'metadata'>>;

describe('patient decider (property)', () => {
  it('never reaches a record that breaks a rule, whatever commands it is given', () => {
    let total = 0;
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), fc.integer(), (steps, seed) => {
        let state = evolve(initialState(), {
          type: 'PatientEnrolled',
          data: { patientId: 'P', sex: 'female', birthDate: '1960-01-01', researchAuthorization: 'granted', treatmentHistory: 'documented' },
          eventId: 'e0',
          recordedAt: metadata.now,
        });
        let accepted = 0;
        steps.forEach((_, i) => {
          const [next] = fc.sample(command(state), { numRuns: 1, seed: seed + i });
          try {
            for (const event of decide({ ...next, metadata } as PatientCommand, state)) {
              state = evolve(state, { ...event, eventId: `e${state.entries.length + i + 1}`, recordedAt: metadata.now } as RecordedPatientEvent);
              accepted++;
            }
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
          expect(violations(liveFacts(state))).toEqual([]);
        });
        total += accepted;
        return true;
      }),
      { numRuns: 300 },
    );
    // the property is only worth something if many commands got through (about 1,000 of 6,000 do)
    expect(total).toBeGreaterThan(500);
  });
});
