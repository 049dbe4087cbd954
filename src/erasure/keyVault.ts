/**
 * The key vault: one random AES-256-GCM data key per patient stream, and the keyed lookup that finds
 * a patient's stream from its registry id. It lives apart from the event log (DATA_DIR/keys.sqlite, or
 * memory for a memory store) because deleting a key is the erasure: the log keeps the ciphertext and
 * its hash chain, and nothing can read the identifying fields again. `shred` is the only delete in the
 * system. The registry id itself is never stored here, only HMAC(installation secret, registry id).
 */
import { randomBytes, randomUUID } from 'node:crypto';

export const KEY_VAULT = Symbol('KeyVault');

export interface VaultEntry {
  streamKey: string;
  dataKey: Buffer;
}

export interface KeyVault {
  /** the stream key of a lookup, issuing a new stream key and data key when there is none (race-safe) */
  issue(lookup: Buffer): VaultEntry;
  /** issue for many lookups in one durable write (an import's patients in flight share one fsync) */
  issueMany(lookups: readonly Buffer[]): VaultEntry[];
  /** the stream key of a lookup, without issuing one */
  streamKeyOf(lookup: Buffer): string | null;
  /** the data key of a stream key; null once shredded (or never issued: a legacy stream) */
  dataKeyOf(streamKey: string): Buffer | null;
  /** deletes the data key and the lookup of a stream key, for good; false when there was none */
  shred(streamKey: string): boolean;
  close(): void;
}

export const newVaultEntry = (): VaultEntry => ({ streamKey: randomUUID(), dataKey: randomBytes(32) });

/** For EVENT_STORE=memory: the keys live and die with the process, like the log. */
export class MemoryKeyVault implements KeyVault {
  /** the lookup secret of a memory store: it must outlive an app restarted on the same store object */
  readonly lookupSecret = randomBytes(32);
  private readonly byLookup = new Map<string, string>();
  private readonly keys = new Map<string, { lookup: string; dataKey: Buffer }>();

  issue(lookup: Buffer): VaultEntry {
    const existing = this.streamKeyOf(lookup);
    if (existing !== null) return { streamKey: existing, dataKey: this.keys.get(existing)!.dataKey };
    const entry = newVaultEntry();
    this.byLookup.set(lookup.toString('hex'), entry.streamKey);
    this.keys.set(entry.streamKey, { lookup: lookup.toString('hex'), dataKey: entry.dataKey });
    return entry;
  }

  issueMany = (lookups: readonly Buffer[]) => lookups.map((lookup) => this.issue(lookup));

  streamKeyOf = (lookup: Buffer) => this.byLookup.get(lookup.toString('hex')) ?? null;
  dataKeyOf = (streamKey: string) => this.keys.get(streamKey)?.dataKey ?? null;

  shred(streamKey: string): boolean {
    const entry = this.keys.get(streamKey);
    if (!entry) return false;
    entry.dataKey.fill(0);
    this.keys.delete(streamKey);
    this.byLookup.delete(entry.lookup);
    return true;
  }

  close(): void {}
}

const memoryVaults = new WeakMap<object, MemoryKeyVault>();
/** One memory vault per memory store object, so an app restarted on the same store (tests) keeps its keys. */
export function memoryVaultOf(store: object): MemoryKeyVault {
  let vault = memoryVaults.get(store);
  if (!vault) memoryVaults.set(store, (vault = new MemoryKeyVault()));
  return vault;
}
