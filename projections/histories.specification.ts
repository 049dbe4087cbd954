/**
 * Random plausible logs for property tests of folds and read models: a few patients, their facts,
 * corrections, retractions and authorization changes, interleaved, with recordedAt moving forward
 * (or, with `outOfOrder`, sometimes backward: the knowledge cut must not assume the log's order).
 */
import fc from 'fast-check';
import { DATE_FIELD } from '../src/patients/patient.facts';
import { fromEpochDay } from '../src/shared/dates';
import type { CohortState, LoggedPatientEvent } from './cohort.fold';
import { GivenLog } from './cohort.specification';
import { DATASETS } from './dataset.registry';
import { textTable } from './row.format';

// Repeated kinds are drawn more often, so that most histories reach the datasets (a calcinosis
// diagnosis, authorization granted) and still see corrections, retractions and denials.
const KINDS = ['calcinosis', 'calcinosis', 'actd', 'lesion', 'lesion', 'contact', 'contact', 'contact', 'death', 'start', 'start', 'stop', 'grade', 'correct', 'correct', 'retract', 'deny', 'grant', 'grant'] as const;
const operationOf = (outOfOrder: boolean) =>
  fc.record({
    patient: fc.constantFrom('A', 'B', 'C'),
    kind: fc.constantFrom(...KINDS),
    day: fc.integer({ min: 9000, max: 16000 }), // 1994-08 .. 2013-10
    pick: fc.nat(),
    hoursLater: fc.integer({ min: outOfOrder ? -48 : 0, max: 72 }),
  });

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

export const histories = ({ outOfOrder = false } = {}) => fc.array(operationOf(outOfOrder), { minLength: 10, maxLength: 120, size: 'large' }).map(logOf);

/** Every dataset, latest and as of two cut-offs, as canonical CSV text. */
export function allDatasets(state: CohortState): string {
  return DATASETS.flatMap((d) => [undefined, '2000-01-01', '2005-06-30'].map((asOf) => textTable(d.columns, d.rows(state, { asOf })).join('\n'))).join('\n\n');
}

