import fc from 'fast-check';
import { createHash } from 'node:crypto';
import type { StoredEvent } from './eventStore.port';
import { canonicalJson } from './canonicalJson';
import { encodeEvent, encodeEvents } from './encodedEvent';
import { ChainVerifier, GENESIS_HASH, encodedHash, eventHash } from './hashChain';

const event = (position: number, data: unknown): StoredEvent => ({
  eventId: `e${position}`, type: 'ContactRecorded', schemaVersion: 1, data, recordedAt: '2020-01-01T00:00:00.000Z', recordedBy: 'u',
  correlationId: 'c', causationId: null, metadata: {}, streamId: 'patient-1', revision: position - 1, position,
});
const chained = (events: StoredEvent[]) => {
  let previous = GENESIS_HASH;
  return events.map((e) => ({ ...e, hash: (previous = eventHash(previous, e)) }));
};

/** The first version of canonicalJson, kept here as the oracle. */
const first = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(first).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${first(v)}`).join(',')}}`;
};
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('hash chain', () => {
  it('serialises objects canonically: keys sorted at every depth, undefined left out', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: null, y: 'x' }], c: undefined } })).toBe('{"a":{"d":[1,{"y":"x","z":null}]},"b":1}');
  });

  it('serialises every value byte for byte as the first version did (the chain of every stored log depends on it)', () => {
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

  it('given an event encoded for the store (payload and metadata as canonical text), then it hashes to the bytes worked out by hand', () => {
    const e = { ...event(3, { b: 1, a: [2] }), metadata: { z: 1, a: 'x' } };
    const encoded = encodeEvent(e);
    expect(encoded).toEqual(['e3', 'ContactRecorded', 1, '{"a":[2],"b":1}', '2020-01-01T00:00:00.000Z', 'u', 'c', null, '{"a":"x","z":1}']);
    const body =
      '{"causationId":null,"correlationId":"c","data":{"a":[2],"b":1},"eventId":"e3","metadata":{"a":"x","z":1},"recordedAt":"2020-01-01T00:00:00.000Z","recordedBy":"u","revision":2,"schemaVersion":1,"streamId":"patient-1","type":"ContactRecorded"}';
    expect(encodedHash(GENESIS_HASH, encoded, 'patient-1', 2)).toBe(sha256(`${GENESIS_HASH}\n${body}`));
    const bare = { type: 'T', schemaVersion: 1 } as unknown as StoredEvent; // absent fields are left out, as canonicalJson leaves out undefined keys
    expect(encodedHash('ab'.repeat(32), encodeEvent(bare), 's', 0)).toBe(sha256(`${'ab'.repeat(32)}\n{"revision":0,"schemaVersion":1,"streamId":"s","type":"T"}`));
  });

  it('given any JSON payload and metadata, then the encoded event hashes as the first canonicalJson of the whole envelope, and its stored text parses back to the payload', () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(json, fc.dictionary(fc.string(), json, { maxKeys: 4 }), fc.string(), fc.nat(), fc.option(fc.string()), (data, metadata, eventId, revision, causationId) => {
        const e = { ...event(1, data), eventId, metadata, causationId };
        const [encoded] = encodeEvents([e]);
        const envelope = { ...e, streamId: 'patient-1', revision, position: undefined };
        expect(encodedHash(GENESIS_HASH, encoded, 'patient-1', revision)).toBe(sha256(`${GENESIS_HASH}\n${first(envelope)}`));
        expect(JSON.parse(encoded[3])).toEqual(JSON.parse(JSON.stringify(data)));
        expect(encoded[8]).toBe(first(metadata));
      }),
      { numRuns: 2000 },
    );
  });

  it('given the events of one append sharing their metadata, then each carries the canonical text of its own metadata', () => {
    const shared = { importId: 'i', bundleSha256: 'b' };
    const [a, b, c] = encodeEvents([{ ...event(1, {}), metadata: shared }, { ...event(2, {}), metadata: shared }, { ...event(3, {}), metadata: { other: 1 } }]);
    expect([a[8], b[8], c[8]]).toEqual(['{"bundleSha256":"b","importId":"i"}', '{"bundleSha256":"b","importId":"i"}', '{"other":1}']);
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
