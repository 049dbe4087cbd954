/**
 * Tamper evidence: every stored event carries a SHA-256 chained to the previous event of the log, over
 * a canonical serialisation of its envelope and payload. The global position is left out so that a
 * faithful copy of the log to another store (EventStoreDB numbers positions its own way) still verifies;
 * the chain itself fixes the order. Editing, deleting or reordering events breaks the chain at the first
 * event touched. (Removing events from the very end leaves a shorter valid chain: compare the head hash
 * with one kept elsewhere to detect that.)
 */
import * as crypto from 'node:crypto';

/**
 * SHA-256 of a string as hex. The one-shot crypto.hash (Node >= 20.12) skips the Hash object that
 * createHash builds for every event: ~1 us less per event of a bulk import's writer thread (measured).
 */
const sha256Hex: (text: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (text) => (crypto as unknown as { hash: (algorithm: string, text: string) => string }).hash('sha256', text)
    : (text) => crypto.createHash('sha256').update(text).digest('hex');
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
 * They are split around `revision`, the one field that only the store knows when it appends: the rest
 * of the body can be serialised before, away from the writer thread (HashedBody).
 */
const BEFORE_REVISION = ['causationId', 'correlationId', 'data', 'eventId', 'metadata', 'recordedAt', 'recordedBy'] as const;
const AFTER_REVISION = ['schemaVersion', 'streamId', 'type'] as const;

/** An event's canonical body without its revision: `before` + `,"revision":n` + `after` is the body. */
export interface HashedBody {
  before: string;
  after: string;
}

/**
 * The hashed body of an event still without revision. `canonicalMetadata` may hand over the metadata's
 * canonical form already made (the events of one append share theirs); it must be canonicalJson's.
 */
export function hashedBody(event: NewEvent, streamId: string, canonicalMetadata?: string): HashedBody {
  const fields = event as unknown as Record<string, unknown>;
  // canonicalObject's output without its closing brace; revision (a number) always follows, so a comma too
  let before = '{';
  for (const key of BEFORE_REVISION) {
    const v = fields[key];
    if (v === undefined) continue;
    before += `${before.length > 1 ? ',' : ''}${quoted(key)}:${key === 'metadata' && canonicalMetadata !== undefined ? canonicalMetadata : canonicalJson(v)}`;
  }
  let after = '';
  for (const key of AFTER_REVISION) {
    const v = key === 'streamId' ? streamId : fields[key];
    if (v !== undefined) after += `,${quoted(key)}:${canonicalJson(v)}`;
  }
  return { before: `${before}${before.length > 1 ? ',' : ''}"revision":`, after: `${after}}` };
}

/** The hash of an event whose body was made by hashedBody, placed at `revision` after `previousHash`. */
export function chainedHash(previousHash: string, body: HashedBody, revision: number): string {
  return sha256Hex(`${previousHash}\n${body.before}${canonicalJson(revision)}${body.after}`);
}

export function eventHash(previousHash: string, event: NewEvent & { streamId: string; revision: number }): string {
  return chainedHash(previousHash, hashedBody(event, event.streamId), event.revision);
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
