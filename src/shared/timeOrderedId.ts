/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, a 12-bit counter within the millisecond
 * (method 1 of RFC 9562 section 6.2), 62 random bits. Ids made one after the other sort in the order
 * they were made, so a bulk write of millions of events (the import) adds its ids at the end of the
 * store's event-id index instead of at a random page each: with random (version 4) ids every commit
 * rewrites thousands of index pages, and the write slows down as the log grows.
 */
import { randomFillSync } from 'node:crypto';

const POOL = 4096;
const pool = Buffer.alloc(POOL);
let offset = POOL;
let lastMs = -1;
let counter = 0;

export function timeOrderedId(now: number = Date.now()): string {
  let ms = Math.max(now, lastMs);
  if (ms === lastMs && ++counter > 0xfff) [ms, counter] = [ms + 1, 0]; // 4096 ids in one millisecond: borrow the next one
  else if (ms !== lastMs) counter = 0;
  lastMs = ms;
  if (offset + 8 > POOL) [offset] = [0, randomFillSync(pool)];
  const random = pool.toString('hex', offset, offset + 8);
  offset += 8;
  const time = ms.toString(16).padStart(12, '0');
  const variant = ((parseInt(random[0], 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${counter.toString(16).padStart(3, '0')}-${variant}${random.slice(1, 4)}-${random.slice(4, 16)}`;
}
