import { KaplanMeierCurve } from './kaplanMeier.estimator';

export interface SurvivalSummaryRow {
  time: number;
  /** at risk at `time`: subjects with follow-up >= time (0 past the last time) */
  nRisk: number;
  /** events in (previous requested time, time] */
  nEvent: number;
  /** censorings in (previous requested time, time] */
  nCensor: number;
  surv: number;
  /** SE of -log S (survfit's std.err) */
  stdErr: number;
  /** SE of S, what summary() prints as std.err; null where R gives NaN */
  stdErrSurv: number | null;
  lower: number | null;
  upper: number | null;
}

/**
 * The curve read at chosen times, as `summary(fit, times = times, extend = extend)`: times are
 * sorted; S, its SE and limits are the values of the last row at or before t (S = 1, SE 0, limits 1
 * before the first time, as survfit0 adds a time-0 row); nRisk is the number at risk at t (that of the
 * first row at or after t, 0 past the end); nEvent / nCensor count what happened since the previous
 * requested time. Without `extend`, times after the last follow-up are dropped (R's default).
 *
 * Reference: R survival `summary.survfit` (3.5-3, `findrow`). Complexity O(m + k log m).
 * @example for the rows of kaplanMeier({ time: [1, 2, 2, 3, 4], status: [1, 1, 0, 1, 0] }) and times
 *   [0, 2.5, 10] with extend: S = 1, 0.6, 0.3; nRisk = 5, 2, 0; nEvent = 0, 2, 1; nCensor = 0, 1, 1
 */
export function summarizeCurve(
  curve: KaplanMeierCurve,
  times: readonly number[],
  options: { extend?: boolean } = {},
): SurvivalSummaryRow[] {
  for (const t of times) {
    if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) throw new RangeError(`summary times must be finite and >= 0 (got ${t})`);
  }
  const rows = curve.rows;
  const m = rows.length;
  const last = rows[m - 1].time;
  const wanted = [...times].sort((a, b) => a - b).filter((t) => options.extend === true || t <= last);
  const cumEvent = new Float64Array(m + 1);
  const cumCensor = new Float64Array(m + 1);
  for (let j = 0; j < m; j++) {
    cumEvent[j + 1] = cumEvent[j] + rows[j].nEvent;
    cumCensor[j + 1] = cumCensor[j] + rows[j].nCensor;
  }
  let previous = 0; // rows counted so far
  return wanted.map((t) => {
    const upTo = countAtOrBefore(rows, t); // rows with time <= t
    const firstAtOrAfter = countBefore(rows, t); // index of the first row with time >= t
    const row = upTo > 0 ? rows[upTo - 1] : null;
    const out: SurvivalSummaryRow = {
      time: t,
      nRisk: firstAtOrAfter < m ? rows[firstAtOrAfter].nRisk : 0,
      nEvent: cumEvent[upTo] - cumEvent[previous],
      nCensor: cumCensor[upTo] - cumCensor[previous],
      surv: row ? row.surv : 1,
      stdErr: row ? row.stdErr : 0,
      stdErrSurv: row ? row.stdErrSurv : 0,
      lower: row ? row.lower : 1,
      upper: row ? row.upper : 1,
    };
    previous = upTo;
    return out;
  });
}

/** Number of rows with time <= t (binary search, O(log m)). @example countAtOrBefore([{ time: 1 }, { time: 2 }], 2) = 2 */
export function countAtOrBefore(rows: readonly { time: number }[], t: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].time <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of rows with time < t (binary search, O(log m)). @example countBefore([{ time: 1 }, { time: 2 }], 2) = 1 */
export function countBefore(rows: readonly { time: number }[], t: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].time < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
