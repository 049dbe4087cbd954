/**
 * Survival in counting-process form, Surv(start, stop, status): each patient's follow-up split at
 * the starts and stops of treatment courses, so treatment can enter a model as a time-dependent
 * covariate. The intervals of a patient add up to their row of the survival dataset.
 */
import { daysBetween, monthsFromDays } from '../src/shared/dates';
import { analysisProjection } from './analysis.cohort';
import { followUpOf } from './followUp.projection';
import { column, type Row } from './projection';
import { coursesOf, type Course } from './treatments.projection';

interface Span {
  indication: Course['indication'];
  /** days from the origin */
  start: number;
  /** days from the origin; null while ongoing */
  stop: number | null;
}

/** A course is active on (a, b] when it started by a and has not stopped before b. */
const activeOn = (span: Span, a: number, b: number) => span.start <= a && (span.stop === null || span.stop >= b);

export const survivalCountingProjection = analysisProjection({
  name: 'survival-counting',
  grain: 'one row per interval of follow-up between consecutive treatment starts/stops, per patient with follow-up',
  description: 'Counting-process (start, stop] rows of the survival dataset, split at the starts and stops of treatment courses.',
  columns: [
    column('patient_id', 'text', null, "the registry's patient id"),
    column('interval', 'integer', null, '1, 2, ... in time order within the patient'),
    column('start_days', 'integer', 'days', 'interval start, days from the calcinosis diagnosis (exclusive)'),
    column('stop_days', 'integer', 'days', 'interval stop, days from the calcinosis diagnosis (inclusive)'),
    column('start_months', 'decimal', 'months', 'start_days / (365.25 / 12)'),
    column('stop_months', 'decimal', 'months', 'stop_days / (365.25 / 12)'),
    column('status', 'flag', null, '1 on the last interval of a patient who died, else 0'),
    column('calcinosis_courses_active', 'integer', null, 'calcinosis courses running during the whole interval (started by its start, not stopped before its stop)'),
    column('actd_courses_active', 'integer', null, 'ACTD courses running during the whole interval'),
    column('calcinosis_treated', 'flag', null, '1 when a calcinosis course (a procedure included) started on or before the interval start'),
  ],
  patientRows(patient) {
    const f = followUpOf(patient);
    if (f === null) return [];
    const spans: Span[] = coursesOf(patient).map((c) => ({
      indication: c.indication,
      start: daysBetween(f.origin, c.startedOn),
      stop: c.stoppedOn === null ? null : daysBetween(f.origin, c.stoppedOn),
    }));
    const cuts = new Set([0, f.days]);
    for (const s of spans) for (const t of [s.start, s.stop]) if (t !== null && t > 0 && t < f.days) cuts.add(t);
    const times = [...cuts].sort((a, b) => a - b);
    return times.slice(1).map((stop, i): Row => {
      const start = times[i];
      const active = (indication: Span['indication']) => spans.filter((s) => s.indication === indication && activeOn(s, start, stop)).length;
      return {
        patient_id: patient.patientId,
        interval: i + 1,
        start_days: start,
        stop_days: stop,
        start_months: monthsFromDays(start),
        stop_months: monthsFromDays(stop),
        status: Number(f.died && stop === f.days),
        calcinosis_courses_active: active('calcinosis'),
        actd_courses_active: active('actd'),
        calcinosis_treated: Number(spans.some((s) => s.indication === 'calcinosis' && s.start <= start)),
      };
    });
  },
});
