import { timeOrderedId } from './timeOrderedId';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedId (UUID version 7)', () => {
  it('given ids made one after the other, then each is a version 7 UUID, all differ, and they sort in the order made', () => {
    const ids = Array.from({ length: 20_000 }, () => timeOrderedId());

    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('given a known instant, then its first 48 bits are the Unix milliseconds; a clock that steps back does not reorder ids', () => {
    const at = Date.parse('2026-11-25T18:00:00.000Z');
    const id = timeOrderedId(at + 10_000_000);

    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at + 10_000_000);
    expect(timeOrderedId(at) > id).toBe(true);
  });
});
