/**
 * Tamper evidence: every stored event carries a SHA-256 chained to the previous event of the log, over
 * a canonical serialisation of its envelope and payload. The global position is left out so that a
 * faithful copy of the log to another store (EventStoreDB numbers positions its own way) still verifies;
 * the chain itself fixes the order. Editing, deleting or reordering events breaks the chain at the first
 * event touched. (Removing events from the very end leaves a shorter valid chain: compare the head hash
 * with one kept elsewhere to detect that.)
 */
import { createHash } from 'node:crypto';
import type { NewEvent, StoredEvent } from './eventStore.port';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every depth: one byte sequence per value. Every event of the log is
 * hashed through it, so it builds one string without intermediate arrays (the default sort orders by
 * UTF-16 code units, as `<` does) and quotes each key name once. Its output is fixed: hashChain.spec
 * checks it against the first, plainer version on random values, since a changed byte breaks every chain.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      if (i in value) out += canonicalJson(value[i]); // a hole stays empty, as join() leaves it
    }
    return `${out}]`;
  }
  return canonicalObject(value as Record<string, unknown>, Object.keys(value).sort());
}

/** The object's fields named by `keys` (sorted as canonicalJson sorts them), undefined ones left out. */
function canonicalObject(value: Record<string, unknown>, keys: readonly string[]): string {
  let out = '{';
  for (const key of keys) {
    const v = value[key];
    if (v === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${quoted(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

/** Key names recur in every event (a few dozen names in all): quote each once. Bounded, so odd keys cannot grow it. */
const quotedKeys = new Map<string, string>();
function quoted(key: string): string {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (quotedKeys.size < 4096) quotedKeys.set(key, q);
  }
  return q;
}

/**
 * The fields of an event that its hash covers, in the order canonicalJson sorts them: every event of
 * the log is hashed, and its envelope always has these names, so they are not sorted for each one.
 */
const HASHED_FIELDS = ['causationId', 'correlationId', 'data', 'eventId', 'metadata', 'recordedAt', 'recordedBy', 'revision', 'schemaVersion', 'streamId', 'type'] as const;

export function eventHash(previousHash: string, event: NewEvent & { streamId: string; revision: number }): string {
  const body = canonicalObject(event as unknown as Record<string, unknown>, HASHED_FIELDS);
  return createHash('sha256').update(`${previousHash}\n${body}`).digest('hex');
}

export interface ChainBreak {
  position: number;
  eventId: string;
  reason: string;
}

/** Checks events page by page, in log order; keep the returned state to continue with the next page. */
export class ChainVerifier {
  private previousHash = GENESIS_HASH;
  private previousPosition = 0;
  checked = 0;
  firstBreak: ChainBreak | null = null;

  check(events: readonly StoredEvent[]): void {
    for (const event of events) {
      if (this.firstBreak) return;
      this.checked++;
      const expected = eventHash(this.previousHash, event);
      if (event.position <= this.previousPosition) {
        this.firstBreak = { position: event.position, eventId: event.eventId, reason: `position ${event.position} does not follow ${this.previousPosition}` };
      } else if (event.hash !== expected) {
        this.firstBreak = {
          position: event.position,
          eventId: event.eventId,
          reason: event.hash === undefined ? 'the event carries no hash' : 'its hash does not match its content and the event before it (edited, inserted, or an earlier event deleted or moved)',
        };
      }
      this.previousHash = event.hash ?? expected;
      this.previousPosition = event.position;
    }
  }

  get headHash(): string {
    return this.previousHash;
  }
}
