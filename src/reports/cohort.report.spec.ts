// The report of the synthetic mayo-2012 cohort against expected.json `derived`, which independent
// Python code computed from the CSV files.
import { bundleToRecords } from '../import/bundle.commands';
import { readBundleFolder } from '../import/bundle.source';
import { MAYO_DIR } from '../../test/support/mayo';
import { expectMayoFigures } from '../../test/support/mayoFigures';
import { reportOfCohort } from './cohort.report';

describe('cohortReport', () => {
  it('given the mayo cohort folded without a store, then every derived figure of expected.json', () => {
    const records = bundleToRecords(readBundleFolder(MAYO_DIR), { now: '2012-01-01T00:00:00Z' });

    const report = reportOfCohort({ records, position: 0, eventsFolded: 0 }, { asOf: null, knownAt: null, atPosition: null });

    expectMayoFigures(report);
  });
});
