/**
 * A Map that keeps at most `capacity` entries, dropping the least recently set one: the in-memory
 * caches of the write side (stream of a registry id, decided state of a stream) stay bounded however
 * many patients a long-running server sees. Map keeps insertion order, so `set` moves a key to the end
 * and the first key is the one to drop. A hit does not move it (that costs a delete and an insert on
 * every command, measurable in a profile); the write side sets a stream's entry at each command anyway.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(
    readonly capacity: number,
    /** told of each entry dropped for room (not of deletes), e.g. to keep a reverse index in step */
    private readonly onDrop?: (key: K, value: V) => void,
  ) {
    if (!(capacity >= 1)) throw new RangeError(`a cache holds at least one entry, not ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size <= this.capacity) return;
    const [oldest, dropped] = this.entries.entries().next().value as [K, V];
    this.entries.delete(oldest);
    this.onDrop?.(oldest, dropped);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }
}
