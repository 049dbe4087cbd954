import { MAYO_DIR } from '../../test/support/mayo';
import { bundleToRecords } from '../import/bundle.commands';
import { readBundleFolder } from '../import/bundle.source';
import { reportOfCohort } from './cohort.report';
import { loadRateTable } from '../stats';
import { reportHtml, reportMarkdown } from './report.render';

describe('report rendering', () => {
  const records = bundleToRecords(readBundleFolder(MAYO_DIR), { now: '2012-01-01T00:00:00Z' });
  const report = reportOfCohort({ records, position: 0, eventsFolded: 0 }, { asOf: null, knownAt: null, atPosition: null }, loadRateTable('minnesota'));

  it('given the mayo report, then Markdown rows print the figures as the seed study rounds them', () => {
    const md = reportMarkdown(report);

    // expected.json kaplan_meier.at.log and the paper: 96% (91-100) with 38 at risk at 60 months, ..., 72% (54-97) with 9 at 240
    expect(md).toContain('| 60 | 38 | 96 | 91-100 |');
    expect(md).toContain('| 240 | 9 | 72 | 54-97 |');
    // expected.json logrank_one_sample_minnesota: observed 7, expected 3.94, P = .12; SMR 7 / 3.9429 = 1.78 with the
    // exact Poisson limits qchisq(.025, 14) / 2 / 3.9429 = 0.71 and qchisq(.975, 16) / 2 / 3.9429 = 3.66 (by hand)
    expect(md).toMatch(/\| 7 \| 3\.94 \| 1\.78 \(0\.71-3\.66\) \| 0\.12 \|/);

    // expected.json: dermatomyositis 23 / 7 / 30 (38 %), age 30.53 (4-75), time to onset 65.35 (2.99-215.98) months
    expect(md).toContain('| Dermatomyositis | 23 | 7 | 30 (38) | 30.5 (4-75) | 65.3 (3-216) | 0 | 65.3 (3-216) |');
    // systemic sclerosis: 4 onsets first; the other 20 average 108.55 months (3-372)
    expect(md).toContain('| Systemic sclerosis | 21 | 3 | 24 (31) | 53.5 (28-73) | 90.5 (0-372) | 4 | 108.6 (3-372) |');
    // follow-up 75 patients, mean 103.74, median 60.39, range 0.92-696.02; deaths 7, mean 100.55, median 119.98, range 3.19-228.01
    expect(md).toContain('| All | 75 | 103.7 | 60.4 | 1-696 |');
    expect(md).toContain('| Died: time to death | 7 | 100.6 | 120.0 | 3-228 |');
  });

  it('given the report as HTML, then one table per section and text escaped', () => {
    const html = reportHtml(report);

    expect(html.match(/<table>/g)).toHaveLength(8);
    expect(html).toContain('<td>medical_and_surgical</td><td>14</td><td>2</td><td>1</td><td>0</td><td>17</td>');
    expect(html).not.toMatch(/<td>[^<]*&[^#][^<]*<\/td>/);
  });
});
