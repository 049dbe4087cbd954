import fc from 'fast-check';
import { DATE_FIELD } from '../src/patients/patient.record';
import { fromEpochDay } from '../src/shared/dates';
import { GivenLog } from './cohort.specification';
import { emptyCohort, foldCohort, type CohortState, type LoggedPatientEvent } from './cohort.fold';
import { DATASETS } from './dataset.registry';
import { textTable } from './row.format';

// Repeated kinds are drawn more often, so that most histories reach the datasets (a calcinosis
// diagnosis, authorization granted) and still see corrections, retractions and denials.
const KINDS = ['calcinosis', 'calcinosis', 'actd', 'lesion', 'lesion', 'contact', 'contact', 'contact', 'death', 'start', 'start', 'stop', 'grade', 'correct', 'correct', 'retract', 'deny', 'grant', 'grant'] as const;
const operation = fc.record({
  patient: fc.constantFrom('A', 'B', 'C'),
  kind: fc.constantFrom(...KINDS),
  day: fc.integer({ min: 9000, max: 16000 }), // 1994-08 .. 2013-10
  pick: fc.nat(),
  hoursLater: fc.integer({ min: 0, max: 72 }),
});

/** A log of plausible histories, corrections and retractions included, with non-decreasing recordedAt. */
function logOf(operations: { patient: string; kind: (typeof KINDS)[number]; day: number; pick: number; hoursLater: number }[]): LoggedPatientEvent[] {
  const log = new GivenLog();
  const facts = new Map<string, { id: string; type: keyof typeof DATE_FIELD }[]>();
  let ms = Date.parse('2010-01-01T00:00:00Z');
  for (const op of operations) {
    ms += op.hoursLater * 3_600_000;
    log.at(new Date(ms).toISOString());
    const p = op.patient;
    const on = fromEpochDay(op.day);
    if (!facts.has(p)) facts.set(p, [{ id: log.enrol(p, { birthDate: '1940-01-01' }), type: 'PatientEnrolled' }]);
    const mine = facts.get(p)!;
    const target = mine[op.pick % mine.length];
    const treatment = `T${op.pick % 3}`;
    const add = (type: keyof typeof DATE_FIELD, id: string) => mine.push({ id, type });
    switch (op.kind) {
      case 'calcinosis': add('DiagnosisRecorded', log.diagnose(p, 'calcinosis_cutis', on, { confirmedBy: ['biopsy'] })); break;
      case 'actd': add('DiagnosisRecorded', log.diagnose(p, 'sle', on)); break;
      case 'lesion': add('LesionOnsetRecorded', log.lesion(p, `L${op.pick % 4}`, on, { site: op.pick % 2 ? 'head' : 'trunk', ulcerated: op.pick % 3 === 0 })); break;
      case 'contact': add('ContactRecorded', log.contact(p, on)); break;
      case 'death': add('DeathRecorded', log.death(p, on)); break;
      case 'start': add('TreatmentStarted', log.start(p, treatment, op.pick % 2 ? 'excision' : 'diltiazem', on, { category: op.pick % 2 ? 'surgical' : 'medical' })); break;
      case 'stop': add('TreatmentStopped', log.stop(p, treatment, on)); break;
      case 'grade': add('ResponseGraded', log.grade(p, treatment, on, (['complete', 'partial', 'none', 'unknown'] as const)[op.pick % 4])); break;
      case 'correct': if (target.type !== 'PatientEnrolled') log.correct(p, target.id, { [DATE_FIELD[target.type]]: on }); break;
      case 'retract': if (target.type !== 'PatientEnrolled') log.retract(p, target.id); break;
      case 'deny': log.authorize(p, 'denied'); break;
      case 'grant': log.authorize(p, 'granted'); break;
    }
  }
  return log.events;
}

const histories = fc.array(operation, { minLength: 10, maxLength: 120, size: 'large' }).map(logOf);

/** Every dataset, latest and as of two cut-offs, as canonical CSV text. */
function allDatasets(state: CohortState): string {
  return DATASETS.flatMap((d) => [undefined, '2000-01-01', '2005-06-30'].map((asOf) => textTable(d.columns, d.rows(state, { asOf })).join('\n'))).join('\n\n');
}

const foldAll = (events: LoggedPatientEvent[]) => foldCohort(emptyCohort(), events);

describe('cohort fold properties', () => {
  it('folding all events at once, one by one, or as prefix then rest gives identical datasets', () => {
    fc.assert(
      fc.property(histories, fc.nat(), (events, k) => {
        const all = foldAll(events);
        const oneByOne = events.reduce((state, e) => foldCohort(state, [e]), emptyCohort());
        const split = k % (events.length + 1);
        const prefixThenRest = foldCohort(foldAll(events.slice(0, split)), events.slice(split));
        expect(allDatasets(oneByOne)).toBe(allDatasets(all));
        expect(allDatasets(prefixThenRest)).toBe(allDatasets(all));
        expect([prefixThenRest.position, prefixThenRest.eventsFolded]).toEqual([all.position, all.eventsFolded]);
      }),
      { numRuns: 150 },
    );
  });

  it('a restart from persisted records (JSON round trip) then the rest of the log gives identical datasets', () => {
    fc.assert(
      fc.property(histories, fc.nat(), (events, k) => {
        const split = k % (events.length + 1);
        const before = foldAll(events.slice(0, split));
        const persisted = JSON.parse(JSON.stringify([...before.records]));
        const restarted = foldCohort({ ...before, records: new Map(persisted) }, events.slice(split));
        expect(allDatasets(restarted)).toBe(allDatasets(foldAll(events)));
      }),
      { numRuns: 100 },
    );
  });

  it('patients folded in another interleaving (each stream in its own order) give byte-identical datasets', () => {
    fc.assert(
      fc.property(histories, fc.array(fc.nat(), { minLength: 200, maxLength: 200 }), (events, picks) => {
        const queues = new Map<string, LoggedPatientEvent[]>();
        for (const e of events) queues.set(e.patientId, [...(queues.get(e.patientId) ?? []), e]);
        const reordered: LoggedPatientEvent[] = [];
        for (let i = 0; queues.size > 0; i++) {
          const ids = [...queues.keys()];
          const id = ids[(picks[i % picks.length] ?? 0) % ids.length];
          reordered.push(queues.get(id)!.shift()!);
          if (queues.get(id)!.length === 0) queues.delete(id);
        }
        expect(allDatasets(foldAll(reordered))).toBe(allDatasets(foldAll(events)));
      }),
      { numRuns: 100 },
    );
  });

  it('a knowledge cut keeps exactly the events at or before the position, or recorded at or before the instant', () => {
    fc.assert(
      fc.property(histories, fc.nat(), (events, k) => {
        const cutEvent = events[k % events.length];
        const byPosition = foldCohort(emptyCohort(), events, { atPosition: cutEvent.position });
        expect(allDatasets(byPosition)).toBe(allDatasets(foldAll(events.slice(0, k % events.length + 1))));
        const knownAt = cutEvent.event.recordedAt;
        const byTime = foldCohort(emptyCohort(), events, { knownAt });
        expect(allDatasets(byTime)).toBe(allDatasets(foldAll(events.filter((e) => e.event.recordedAt <= knownAt))));
      }),
      { numRuns: 100 },
    );
  });
});
