import { SOFTWARE_VERSION } from '../datasets/dataset.answer';
import { isNewerVersion, reproduction } from './reproduce.manifest';

const sha256 = 'a'.repeat(64);

describe('reproduce: from a manifest back to its request', () => {
  it('compares versions numerically, part by part', () => {
    expect([isNewerVersion('0.10.0', '0.9.9'), isNewerVersion('0.9.9', '0.10.0'), isNewerVersion('1.0.0', '1.0.0'), isNewerVersion('1.0.1-rc.1', '1.0.0')]).toEqual([true, false, false, true]);
  });

  it('pins a latest dataset manifest to its position, and keeps knownAt when there was one', () => {
    const latest = reproduction({ dataset: 'survival', asOf: '2005-01-01', knownAt: null, atPosition: null, position: 42, sha256, softwareVersion: SOFTWARE_VERSION });
    expect(latest).toMatchObject({ kind: 'dataset', position: 42, params: { name: 'survival', asOf: '2005-01-01', atPosition: 42, knownAt: undefined } });
    const known = reproduction({ manifest: { dataset: 'patients', asOf: null, knownAt: '2012-06-01T00:00:00Z', atPosition: null, position: 42, sha256, softwareVersion: SOFTWARE_VERSION } });
    expect(known).toMatchObject({ params: { knownAt: '2012-06-01T00:00:00Z', atPosition: undefined } });
  });

  it('turns an analysis manifest back into its parameters (lists and numbers as the query had them), pinned to its survival dataset', () => {
    const manifest = {
      analysis: 'kaplan-meier',
      parameters: { asOf: '2010-01-01', minPosition: 7, timeUnit: 'months', groupBy: 'sex', confType: 'log', confLevel: 0.9, times: [60, 120], rho: 0, ratetable: 'minnesota' },
      datasets: [{ dataset: 'survival', position: 99 }],
      softwareVersion: SOFTWARE_VERSION,
      sha256,
    };
    expect(reproduction(manifest)).toMatchObject({ kind: 'analysis', analysis: 'kaplan-meier', position: 99, params: { cut: { asOf: '2010-01-01', atPosition: 99, minPosition: undefined }, groupBy: 'sex', confLevel: 0.9, times: [60, 120] } });
  });

  it('refuses what it cannot reproduce, naming the field', () => {
    // DomainError.invalid says `invalid input: <field>: <reason>` for each problem
    const refused = (body: unknown, field: string) => expect(() => reproduction(body)).toThrow(new RegExp(`^invalid input: ${field}: [^;]*$`));
    const base = { dataset: 'survival', asOf: null, knownAt: null, atPosition: null, position: 1, sha256, softwareVersion: SOFTWARE_VERSION };
    refused({ ...base, softwareVersion: '999.0.0' }, 'softwareVersion');
    refused({ ...base, sha256: 'nope' }, 'sha256');
    refused({ ...base, position: -1 }, 'position');
    refused({ ...base, dataset: 'nope' }, 'name');
    refused({ analysis: 'anova', sha256, softwareVersion: SOFTWARE_VERSION }, 'analysis');
    refused({}, 'manifest');
  });
});
