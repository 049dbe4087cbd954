import { assertSurvivalData, factorLevels, Label } from '../input.validation';
import { CONF_TYPES, ConfType, limitsInto, twoSidedZ } from './kaplanMeier.confint';
import { sortSubjects, splitByStratum, tabulate } from './riskSet.tabulation';

export interface SurvivalData {
  time: readonly number[] | Float64Array;
  /** 1 = event, 0 = censored */
  status: readonly number[] | Uint8Array;
  /** one curve per distinct label (R: `~ strata`) */
  strata?: readonly Label[];
}

export interface KaplanMeierOptions {
  /** default 'log', as R */
  confType?: ConfType;
  /** default 0.95 */
  confLevel?: number;
  /** R's timefix (aeqSurv) of near-equal times; default true, as R */
  timefix?: boolean;
}

export interface KaplanMeierRow {
  time: number;
  nRisk: number;
  nEvent: number;
  nCensor: number;
  surv: number;
  /** survfit's std.err: SE of the cumulative hazard -log S (Greenwood, log scale); Infinity once S = 0 */
  stdErr: number;
  /** summary.survfit's std.err: SE of S itself = S * stdErr (null where R gives NaN: S = 0) */
  stdErrSurv: number | null;
  lower: number | null;
  upper: number | null;
}

export interface KaplanMeierCurve {
  /** the stratum label, null for a single curve */
  strata: string | null;
  n: number;
  events: number;
  rows: KaplanMeierRow[];
}

export interface KaplanMeierFit {
  confType: ConfType;
  confLevel: number;
  curves: KaplanMeierCurve[];
}

/**
 * Kaplan-Meier estimate, one row per distinct time (events and censorings), as
 * `survfit(Surv(time, status) ~ 1)` (or `~ strata`, one curve per label in factor order):
 * S(t) = Π_{t_j <= t} (1 - d_j/n_j); stdErr = sqrt(Σ d_j / (n_j (n_j - d_j))) (Greenwood's formula
 * for the variance of log S; R keeps this in fit$std.err); stdErrSurv = S·stdErr (what summary()
 * prints); limits from `confidenceLimits`. Products and sums are accumulated in R's order.
 *
 * Reference: R survival 3.5-3 `survfitKM` / C `survfitkm`; Kaplan & Meier (1958); Greenwood (1926).
 * Complexity: O(n log n) time (one radix sort of all subjects, then linear passes), O(n) memory.
 * @example kaplanMeier({ time: [1, 2, 2, 3, 4], status: [1, 1, 0, 1, 0] }) gives rows
 *   t=1: nRisk 5, S 0.8; t=2: nRisk 4, 1 event 1 censor, S 0.6; t=3: nRisk 2, S 0.3; t=4: S 0.3
 *   (hand-worked in the spec: 4/5, 4/5·3/4, 3/5·1/2).
 */
export function kaplanMeier(data: SurvivalData, options: KaplanMeierOptions = {}): KaplanMeierFit {
  const confType = options.confType ?? 'log';
  const confLevel = options.confLevel ?? 0.95;
  if (!CONF_TYPES.includes(confType)) throw new RangeError(`unknown confType ${String(confType)}: use log, log-log or plain`);
  const z = twoSidedZ(confLevel);
  assertSurvivalData(data.time, data.status, { strata: data.strata });
  const { order, time } = sortSubjects(data.time, options.timefix !== false);

  if (!data.strata) return { confType, confLevel, curves: [curve(order, time, data.status, null, confType, z)] };
  const { levels, index } = factorLevels(data.strata);
  const parts = splitByStratum(order, index, levels.length);
  const curves = levels.map((label, s) => curve(parts[s], time, data.status, label, confType, z));
  return { confType, confLevel, curves };
}

function curve(
  order: Uint32Array,
  time: ArrayLike<number>,
  status: ArrayLike<number>,
  label: string | null,
  confType: ConfType,
  z: number,
): KaplanMeierCurve {
  const tab = tabulate(order, time, status, null, 1);
  const rows: KaplanMeierRow[] = new Array(tab.times.length);
  let km = 1;
  let v = 0;
  let events = 0;
  for (let j = 0; j < tab.times.length; j++) {
    const n = tab.nRisk[j];
    const d = tab.nEvent[j];
    if (d > 0) {
      km *= (n - d) / n;
      v += d / (n * (n - d));
      events += d;
    }
    const stdErr = Math.sqrt(v);
    const stdErrSurv = stdErr * km;
    const row: KaplanMeierRow = {
      time: tab.times[j],
      nRisk: n,
      nEvent: d,
      nCensor: tab.nCensor[j],
      surv: km,
      stdErr,
      stdErrSurv: Number.isNaN(stdErrSurv) ? null : stdErrSurv,
      lower: null,
      upper: null,
    };
    rows[j] = limitsInto(row, km, stdErr, confType, z);
  }
  return { strata: label, n: tab.groupSize[0], events, rows };
}
