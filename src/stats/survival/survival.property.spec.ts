import fc from 'fast-check';
import { ConfType } from './kaplanMeier.confint';
import { kaplanMeier, KaplanMeierCurve } from './kaplanMeier.estimator';
import { logRankTest } from './logRank.survdiff';

// Subjects with few distinct times (ties of events and censorings are the hard part) or any time.
const subject = fc.record({
  time: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.double({ min: 0, max: 100, noNaN: true, noDefaultInfinity: true })),
  status: fc.constantFrom(0, 1),
  group: fc.constantFrom('a', 'b', 'c'),
  stratum: fc.constantFrom(1, 2),
});
const cohort = fc.array(subject, { minLength: 1, maxLength: 60 });
const confType = fc.constantFrom<ConfType>('log', 'log-log', 'plain');

/** the cohort and a permutation of it */
const permuted = cohort.chain((subjects) => fc.shuffledSubarray(subjects, { minLength: subjects.length, maxLength: subjects.length }).map((p) => [subjects, p] as const));

type Subject = { time: number; status: number; group: string; stratum: number };
const columns = (subjects: Subject[]) => ({
  time: subjects.map((s) => s.time),
  status: subjects.map((s) => s.status),
  group: subjects.map((s) => s.group),
});
const nGroups = (subjects: Subject[]) => new Set(subjects.map((x) => x.group)).size;

describe('Kaplan-Meier properties (fast-check)', () => {
  it('survival is non-increasing and stays in [0, 1]', () => {
    fc.assert(
      fc.property(cohort, (subjects) => {
        const rows = kaplanMeier(columns(subjects)).curves[0].rows;
        rows.forEach((row, j) => {
          expect(row.surv).toBeGreaterThanOrEqual(0);
          expect(row.surv).toBeLessThanOrEqual(1);
          if (j > 0) expect(row.surv).toBeLessThanOrEqual(rows[j - 1].surv);
        });
      }),
    );
  });
  it('the confidence interval contains the estimate, within [0, 1]', () => {
    fc.assert(
      fc.property(cohort, confType, fc.double({ min: 0.5, max: 0.999, noNaN: true }), (subjects, type, level) => {
        for (const row of kaplanMeier(columns(subjects), { confType: type, confLevel: level }).curves[0].rows) {
          if (row.lower !== null) expect(row.lower).toBeLessThanOrEqual(row.surv * (1 + 1e-12));
          if (row.upper !== null) expect(row.upper).toBeGreaterThanOrEqual(row.surv * (1 - 1e-12));
          for (const limit of [row.lower, row.upper]) if (limit !== null) expect(limit >= 0 && limit <= 1).toBe(true);
        }
      }),
    );
  });
  it('permuting the subjects changes nothing', () => {
    fc.assert(
      fc.property(permuted, ([subjects, shuffled]) => {
        expect(kaplanMeier(columns(shuffled))).toEqual(kaplanMeier(columns(subjects)));
        expect(kaplanMeier(columns(shuffled))).toEqual(kaplanMeier(columns(subjects)));
      }),
    );
  });
  // timefix off: R's aeqSurv looks at all times at once, so two times within 1.5e-8 of each other in
  // different strata are tied in the stratified fit but not in the separate ones (R behaves the same).
  it('a stratified fit equals separate fits of each stratum (timefix off)', () => {
    fc.assert(
      fc.property(cohort, (subjects) => {
        const data = columns(subjects);
        const fit = kaplanMeier({ time: data.time, status: data.status, strata: data.group }, { timefix: false });
        expect(fit.curves.map((c) => c.strata)).toEqual([...new Set(data.group)].sort());
        for (const curve of fit.curves) {
          const own = columns(subjects.filter((s) => s.group === curve.strata));
          const alone: KaplanMeierCurve = kaplanMeier({ time: own.time, status: own.status }, { timefix: false }).curves[0];
          expect(curve).toEqual({ ...alone, strata: curve.strata });
        }
      }),
    );
  });
});

describe('log-rank properties (fast-check)', () => {
  const twoGroups = cohort.filter((s) => nGroups(s) >= 2);
  it('permuting the subjects changes nothing (to rounding: sums run in another order)', () => {
    fc.assert(
      fc.property(
        permuted.filter(([s]) => nGroups(s) >= 2),
        fc.constantFrom(0, 1),
        ([subjects, shuffled], rho) => {
          const a = logRankTest(columns(subjects), { rho });
          const b = logRankTest(columns(shuffled), { rho });
          expect(b.obs).toEqual(a.obs);
          expect(b.exp).toEqual(a.exp);
          expect(b.df).toBe(a.df);
          expect(Math.abs(b.chisq - a.chisq)).toBeLessThanOrEqual(1e-9 * Math.max(1, a.chisq));
        },
      ),
    );
  });
  it('observed and expected totals agree (rho = 0), chisq >= 0, p in [0, 1]', () => {
    fc.assert(
      fc.property(twoGroups, (subjects) => {
        const r = logRankTest(columns(subjects));
        const sum = (v: number[]) => v.reduce((s, x) => s + x, 0);
        expect(Math.abs(sum(r.obs) - sum(r.exp))).toBeLessThan(1e-9 * Math.max(1, sum(r.obs)));
        expect(r.chisq).toBeGreaterThanOrEqual(-1e-12);
        expect(r.pvalue >= 0 && r.pvalue <= 1).toBe(true);
      }),
    );
  });
  it('a single stratum is the unstratified test', () => {
    fc.assert(
      fc.property(twoGroups, (subjects) => {
        const r = logRankTest(columns(subjects));
        const one = logRankTest({ ...columns(subjects), strata: subjects.map(() => 'only') });
        expect([one.obs, one.exp, one.var, one.chisq]).toEqual([r.obs, r.exp, r.var, r.chisq]);
      }),
    );
  });
  it('a stratified test adds up separate tests: O and E per stratum equal those of each stratum alone', () => {
    fc.assert(
      fc.property(
        cohort.filter((s) => [1, 2].every((k) => nGroups(s.filter((x) => x.stratum === k)) === 3)),
        fc.constantFrom(0, 1),
        (subjects, rho) => {
          const r = logRankTest({ ...columns(subjects), strata: subjects.map((s) => s.stratum) }, { rho, timefix: false });
          [1, 2].forEach((k, s) => {
            const alone = logRankTest(columns(subjects.filter((x) => x.stratum === k)), { rho, timefix: false });
            expect(r.strata!.obs.map((row) => row[s])).toEqual(alone.obs);
            expect(r.strata!.exp.map((row) => row[s])).toEqual(alone.exp);
          });
        },
      ),
    );
  });
});
