import { manifestFromHeaders, manifestHeaders, type DatasetManifest } from './dataset.answer';

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
