import { timeOrderedId } from './timeOrderedId';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedId (UUID version 7)', () => {
  it('given ids made one after the other, then each is a version 7 UUID, all differ, and they sort in the order made', () => {
    const ids = Array.from({ length: 20_000 }, () => timeOrderedId());

    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('given an instant ahead of every id made so far, then its first 48 bits are its Unix milliseconds; a clock that steps back does not reorder ids', () => {
    // ten days ahead of the machine's clock: a fixed date would fall behind the ids of the test above one day
    const ahead = Date.now() + 10 * 86_400_000;
    const id = timeOrderedId(ahead);

    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(ahead);
    expect(timeOrderedId(ahead - 10_000_000) > id).toBe(true);
  });
});
