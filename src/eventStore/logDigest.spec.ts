import { digestDifferences, LogDigester, type LogDigest } from './logDigest';
import { DATASET_NAMES } from '../../projections/dataset.registry';

const digest = (events: number, streams: [string, number][], datasets: [string, string][]): LogDigest => ({
  events,
  streams: new Map(streams),
  datasets: new Map(datasets),
});

describe('digestDifferences', () => {
  const source = digest(3, [['patient-A', 2], ['user-admin', 1]], [['survival', 'aa'], ['patients', 'bb']]);

  it('finds none between equal digests', () => {
    expect(digestDifferences(source, digest(3, [['user-admin', 1], ['patient-A', 2]], [['survival', 'aa'], ['patients', 'bb']]))).toEqual([]);
  });

  it('lists each differing count, stream (on either side) and dataset digest', () => {
    const target = digest(3, [['patient-A', 1], ['patient-B', 1], ['user-admin', 1]], [['survival', 'aa'], ['patients', 'cc']]);
    expect(digestDifferences(source, target)).toEqual([
      'stream patient-A: 2 events in the source, 1 in the target',
      'stream patient-B: 0 events in the source, 1 in the target',
      'dataset patients: SHA-256 bb in the source, cc in the target',
    ]);
  });

  it('reports a total that differs', () => {
    expect(digestDifferences(source, digest(4, [['patient-A', 2], ['user-admin', 1]], [['survival', 'aa'], ['patients', 'bb']]))).toEqual([
      'events: 3 in the source, 4 in the target',
    ]);
  });
});

describe('LogDigester', () => {
  it('digests an empty log: no streams, and every dataset of the registry as its empty CSV', () => {
    const empty = new LogDigester().digest(0);
    expect(empty.events).toBe(0);
    expect(empty.streams.size).toBe(0);
    expect([...empty.datasets.keys()]).toEqual(DATASET_NAMES);
    for (const sha of empty.datasets.values()) expect(sha).toMatch(/^[0-9a-f]{64}$/);
  });
});
