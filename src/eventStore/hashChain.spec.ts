import fc from 'fast-check';
import { createHash } from 'node:crypto';
import type { StoredEvent } from './eventStore.port';
import { ChainVerifier, GENESIS_HASH, canonicalJson, chainedHash, eventHash, hashedBody } from './hashChain';

const event = (position: number, data: unknown): StoredEvent => ({
  eventId: `e${position}`, type: 'ContactRecorded', schemaVersion: 1, data, recordedAt: '2020-01-01T00:00:00.000Z', recordedBy: 'u',
  correlationId: 'c', causationId: null, metadata: {}, streamId: 'patient-1', revision: position - 1, position,
});
const chained = (events: StoredEvent[]) => {
  let previous = GENESIS_HASH;
  return events.map((e) => ({ ...e, hash: (previous = eventHash(previous, e)) }));
};

describe('hash chain', () => {
  it('serialises objects canonically: keys sorted at every depth, undefined left out', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: null, y: 'x' }], c: undefined } })).toBe('{"a":{"d":[1,{"y":"x","z":null}]},"b":1}');
  });

  it('serialises every value byte for byte as the first version did (the chain of every stored log depends on it)', () => {
    // the first version of canonicalJson, kept here as the oracle
    const first = (value: unknown): string => {
      if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
      if (Array.isArray(value)) return `[${value.map(first).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${first(v)}`).join(',')}}`;
    };
    const anything = fc.anything({
      withBoxedValues: true, withMap: true, withSet: true, withObjectString: true, withNullPrototype: true,
      withSparseArray: true, withTypedArray: true, withDate: true, withUnicodeString: true, maxDepth: 4,
    }).filter((v) => { try { first(v); return true; } catch { return false; } }); // a BigInt throws in both
    fc.assert(fc.property(anything, (value) => canonicalJson(value) === first(value)), { numRuns: 5000 });
    fc.assert(fc.property(fc.jsonValue(), (value) => canonicalJson(value) === first(value)), { numRuns: 5000 });
    const odd = [undefined, NaN, -0, Infinity, () => 1, Symbol('s'), [undefined, , null], { '': 1, 'é': 2, 'e': 3, '\u2028': 4, '10': 5, '9': 6, a: undefined }, new Date(0), Buffer.from('ab')];
    for (const value of [...odd, odd]) expect(canonicalJson(value)).toBe(first(value));
  });

  it('hashes the previous hash, a newline and the canonical event (checked by hand with node:crypto)', () => {
    const e = event(1, { seenOn: '2001-01-01' });
    const body =
      '{"causationId":null,"correlationId":"c","data":{"seenOn":"2001-01-01"},"eventId":"e1","metadata":{},"recordedAt":"2020-01-01T00:00:00.000Z","recordedBy":"u","revision":0,"schemaVersion":1,"streamId":"patient-1","type":"ContactRecorded"}';
    expect(eventHash(GENESIS_HASH, e)).toBe(createHash('sha256').update(`${GENESIS_HASH}\n${body}`).digest('hex'));
  });

  it('hashes exactly the envelope fields, whatever else the event carries and whichever are undefined', () => {
    const e = { ...event(7, { b: 1, a: [2] }), causationId: undefined as unknown as null, hash: 'ignored', extra: 'ignored' };
    const body =
      '{"correlationId":"c","data":{"a":[2],"b":1},"eventId":"e7","metadata":{},"recordedAt":"2020-01-01T00:00:00.000Z","recordedBy":"u","revision":6,"schemaVersion":1,"streamId":"patient-1","type":"ContactRecorded"}';
    expect(eventHash('ab'.repeat(32), e)).toBe(createHash('sha256').update(`${'ab'.repeat(32)}\n${body}`).digest('hex'));
  });

  it('hashes a body made before the revision is known (the store appending) to the same bytes', () => {
    const e = event(3, { b: 1, a: [2] });
    const body = hashedBody(e, 'patient-1');
    expect(body).toEqual({
      before: '{"causationId":null,"correlationId":"c","data":{"a":[2],"b":1},"eventId":"e3","metadata":{},"recordedAt":"2020-01-01T00:00:00.000Z","recordedBy":"u","revision":',
      after: ',"schemaVersion":1,"streamId":"patient-1","type":"ContactRecorded"}',
    });
    const withMetadata = { ...e, metadata: { z: 1, a: 'x' } };
    expect(chainedHash(GENESIS_HASH, hashedBody(withMetadata, 'patient-1', canonicalJson(withMetadata.metadata)), 2)).toBe(eventHash(GENESIS_HASH, withMetadata));
    const bare = { type: 'T', schemaVersion: 1, streamId: 's', revision: 0 } as unknown as StoredEvent; // nothing before the revision
    expect(chainedHash('ab'.repeat(32), hashedBody(bare, 's'), 0)).toBe(createHash('sha256').update(`${'ab'.repeat(32)}\n{"revision":0,"schemaVersion":1,"streamId":"s","type":"T"}`).digest('hex'));
  });

  it('verifies across pages and stops at the first broken link', () => {
    const log = chained([1, 2, 3, 4].map((p) => event(p, { n: p })));
    const intact = new ChainVerifier();
    intact.check(log.slice(0, 2));
    intact.check(log.slice(2));
    expect([intact.checked, intact.firstBreak, intact.headHash]).toEqual([4, null, log[3].hash]);

    const edited = new ChainVerifier();
    edited.check([log[0], { ...log[1], data: { n: 99 } }, log[2], log[3]]);
    expect(edited.firstBreak).toMatchObject({ position: 2, eventId: 'e2' });
    expect(edited.checked).toBe(2);
  });
});
