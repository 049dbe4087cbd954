// The report of the synthetic mayo-2012 cohort against expected.json `derived`, which independent
// Python code computed from the CSV files.
import { bundleToRecords } from '../import/bundle.commands';
import { readBundleFolder } from '../import/bundle.source';
import { MAYO_DIR } from '../../test/support/mayo';
import { expectMayoFigures } from '../../test/support/mayoFigures';
import { reportOfCohort } from './cohort.report';
import { loadRateTable } from '../stats';
import { loadMayoExpected } from '../../test/reference/fixtures';

describe('cohortReport', () => {
  it('given the mayo cohort folded without a store, then every derived figure of expected.json', () => {
    const records = bundleToRecords(readBundleFolder(MAYO_DIR), { now: '2012-01-01T00:00:00Z' });

    const report = reportOfCohort({ records, position: 0, eventsFolded: 0 }, { asOf: null, knownAt: null, atPosition: null }, loadRateTable('minnesota'));

    expectMayoFigures(report);
  });

  it('given the mayo cohort, then the survival paragraph of R survfit and the Minnesota comparison (P = .1237)', () => {
    const records = bundleToRecords(readBundleFolder(MAYO_DIR), { now: '2012-01-01T00:00:00Z' });
    const { survival } = reportOfCohort({ records, position: 0, eventsFolded: 0 }, { asOf: null, knownAt: null, atPosition: null }, loadRateTable('minnesota'));
    const expected = loadMayoExpected();
    expect(survival).toMatchObject({ n: 75, deaths: 7 });
    survival!.atTimes.forEach((row, i) => {
      const r = expected.kaplan_meier.at.log[i];
      expect([row.months, row.nRisk]).toEqual([r.time, r.n_risk]);
      expect(row.surv).toBeCloseTo(r.surv, 10);
      expect(row.lower).toBeCloseTo(r.lower, 10);
      expect(row.upper).toBeCloseTo(r.upper, 10);
    });
    expect(survival!.minnesota.pvalue).toBeCloseTo(expected.logrank_one_sample_minnesota.p, 10);
    expect(survival!.minnesota.expected).toBeCloseTo(expected.logrank_one_sample_minnesota.expected, 9);
  });
});
