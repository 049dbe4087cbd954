import { createHash } from 'node:crypto';
import type { StoredEvent } from './eventStore.port';
import { ChainVerifier, GENESIS_HASH, canonicalJson, eventHash } from './hashChain';

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

  it('hashes the previous hash, a newline and the canonical event (checked by hand with node:crypto)', () => {
    const e = event(1, { seenOn: '2001-01-01' });
    const body =
      '{"causationId":null,"correlationId":"c","data":{"seenOn":"2001-01-01"},"eventId":"e1","metadata":{},"recordedAt":"2020-01-01T00:00:00.000Z","recordedBy":"u","revision":0,"schemaVersion":1,"streamId":"patient-1","type":"ContactRecorded"}';
    expect(eventHash(GENESIS_HASH, e)).toBe(createHash('sha256').update(`${GENESIS_HASH}\n${body}`).digest('hex'));
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
