import { GivenLog } from '../../projections/cohort.specification';
import { survivalProjection } from '../../projections/survival.projection';
import { datasetAnswer, manifestFromHeaders, manifestHeaders, type DatasetManifest } from './dataset.answer';

describe('dataset manifest headers', () => {
  const manifest: DatasetManifest = {
    dataset: 'survival',
    asOf: '2011-06-30',
    knownAt: null,
    atPosition: 2005,
    position: 2005,
    headPosition: 2011,
    eventsFolded: 2005,
    rows: 75,
    softwareVersion: '0.2.0',
    sha256: 'ced7162a2619f609065ba18b5041e34715ecdd1e8504e81f3f6a666e9e6678cb',
    deidentified: true,
    deidentification: 'limited-data-set',
  };

  it('given a manifest sent as X-Dataset-* headers, when read back, then it is the same manifest, field order included', () => {
    const headers = manifestHeaders(manifest);
    expect(headers['X-Dataset-As-Of']).toBe('2011-06-30');
    expect(headers['X-Dataset-Known-At']).toBeUndefined();
    const back = manifestFromHeaders((name) => headers[name] ?? null);
    expect(JSON.stringify(back)).toBe(JSON.stringify(manifest));
  });
});

describe('a CSV answer in blocks', () => {
  it('given 2,000 patients, when answered as CSV, then it comes as the header and blocks of whole lines of at least 64 KB, with the bytes of the JSON answer', () => {
    const log = new GivenLog();
    for (let i = 0; i < 2000; i++) {
      const id = `MCC-${String(i).padStart(5, '0')}`;
      log.enrol(id);
      log.diagnose(id, 'calcinosis_cutis', '2000-01-01');
      log.contact(id, '2004-01-01');
    }
    const cohort = log.cohort();
    const csv = datasetAnswer(survivalProjection, cohort, { name: 'survival', format: 'csv' }, 0);
    const json = datasetAnswer(survivalProjection, cohort, { name: 'survival', format: 'json' }, 0);
    // a line, by hand (born 1950-06-15: 18,097 days to 2000-01-01): MCC-00000,2000-01-01,female,18097,1461,48.0000000000,0 and "\n": 55 characters;
    // 1,191 lines are 65,505 < 65,536, so the first block has 1,192 lines (65,560), the second the other 808 (44,440)
    expect(csv.csvChunks[1].split('\n')[0]).toBe('MCC-00000,2000-01-01,female,18097,1461,48.0000000000,0');
    expect(csv.csvChunks.slice(1).map((block) => block.length)).toEqual([65_560, 44_440]);
    expect([csv.manifest.rows, csv.manifest.sha256, csv.csv]).toEqual([2000, json.manifest.sha256, json.csv]);
  });
});
