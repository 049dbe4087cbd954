import { decodeRecord, encodeRecord } from '../src/datasets/readModel.codec';
import fc from 'fast-check';
import { emptyCohort, foldCohort, type LoggedPatientEvent } from './cohort.fold';
import { allDatasets, histories } from './histories.specification';

const foldAll = (events: LoggedPatientEvent[]) => foldCohort(emptyCohort(), events);

describe('cohort fold properties', () => {
  it('folding all events at once, one by one, or as prefix then rest gives identical datasets', () => {
    fc.assert(
      fc.property(histories(), fc.nat(), (events, k) => {
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

  it('a restart from persisted records (the read model codec round trip) then the rest of the log gives identical datasets', () => {
    fc.assert(
      fc.property(histories(), fc.nat(), (events, k) => {
        const split = k % (events.length + 1);
        const before = foldAll(events.slice(0, split));
        const persisted = new Map([...before.records].map(([id, record]) => [id, decodeRecord(encodeRecord(record))]));
        const restarted = foldCohort({ ...before, records: persisted }, events.slice(split));
        expect(allDatasets(restarted)).toBe(allDatasets(foldAll(events)));
      }),
      { numRuns: 100 },
    );
  });

  it('patients folded in another interleaving (each stream in its own order) give byte-identical datasets', () => {
    fc.assert(
      fc.property(histories(), fc.array(fc.nat(), { minLength: 200, maxLength: 200 }), (events, picks) => {
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

  it('a knowledge cut keeps exactly the events at or before the position, or recorded at or before the instant (in any order)', () => {
    fc.assert(
      fc.property(histories({ outOfOrder: true }), fc.nat(), (events, k) => {
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
