import { BoundedCache } from './boundedCache';

describe('BoundedCache', () => {
  it('given a full cache, when an entry is added, then the least recently set one is dropped', () => {
    const dropped: [string, number][] = [];
    const cache = new BoundedCache<string, number>(2, (key, value) => dropped.push([key, value]));
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 1); // a is now the most recently set
    expect(cache.get('b')).toBe(2); // a read does not count
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([1, undefined, 3, 2]);
    expect(dropped).toEqual([['b', 2]]);
  });

  it('given an entry, when it is deleted or replaced, then the cache says so', () => {
    const cache = new BoundedCache<string, number>(3);
    cache.set('a', 1);
    cache.set('a', 2);
    expect([cache.get('a'), cache.size]).toEqual([2, 1]);
    cache.delete('a');
    expect([cache.get('a'), cache.size]).toEqual([undefined, 0]);
  });

  it('refuses a capacity below one', () => {
    expect(() => new BoundedCache(0)).toThrow(RangeError);
  });
});
