/**
 * The one way from a registry id to a patient's stream. Streams are named by an opaque stream key
 * (`patient-<uuid>`) issued at the first write, so the log never shows a registry id; the vault maps
 * HMAC(installation secret, registry id) to the key, and forgets it at the erasure. Streams written
 * before the vault existed (`patient-<registry id>`, legacy) are still found, read and written, in clear.
 * An erased patient's anonymous id (`erased-<stream key>`) also names its stream.
 *
 * The keyed stream of a registry id is remembered (an HMAC and a vault query per command otherwise):
 * a stream key never changes until the erasure, which calls `forget` (in this process, or when a
 * reader meets another process's IdentityErased), so an erased patient resolves exactly as before.
 */
import { createHmac } from 'node:crypto';
import type { EventStore } from '../eventStore/eventStore.port';
import { ANONYMOUS_ID } from '../patients/patient.erasure';
import { patientStreamId } from '../patients/patient.events';
import type { KeyVault } from './keyVault';
import { BoundedCache } from '../shared/boundedCache';

/** registry ids whose stream key is remembered; beyond that the one remembered longest ago is looked up again */
const REMEMBERED_IDS = 100_000;

export interface ResolvedStream {
  streamId: string;
  /** the key the stream is named by; null for a legacy stream, which cannot be erased */
  streamKey: string | null;
}

export class PatientStreams {
  /** lookups waiting to be issued together at the next turn of the event loop */
  private waiting: { lookup: Buffer; resolve: (streamKey: string) => void; reject: (error: unknown) => void }[] = [];
  /** registry id -> stream key, for keyed streams only (a legacy or unknown id is looked up each time) */
  private readonly keyOfId = new BoundedCache<string, string>(REMEMBERED_IDS, (_, streamKey) => this.idOfKey.delete(streamKey));
  /** stream key -> registry id: the same entries the other way round, to forget one at the erasure */
  private readonly idOfKey = new Map<string, string>();

  constructor(
    private readonly vault: KeyVault,
    private readonly secret: Buffer,
    private readonly store: EventStore,
  ) {}

  /** For reads: never issues a key; an unknown id names a stream that does not exist. */
  forRead(patientId: string): ResolvedStream {
    const anonymous = ANONYMOUS_ID.exec(patientId);
    if (anonymous) return { streamId: patientStreamId(anonymous[1]), streamKey: anonymous[1] };
    const streamKey = this.keyOfId.get(patientId) ?? this.remember(patientId, this.vault.streamKeyOf(this.lookupOf(patientId)));
    return streamKey === null ? { streamId: patientStreamId(patientId), streamKey: null } : { streamId: patientStreamId(streamKey), streamKey };
  }

  /** The erasure of a stream key: its registry id is looked up in the vault again (and no longer found). */
  forget(streamKey: string): void {
    const patientId = this.idOfKey.get(streamKey);
    if (patientId === undefined) return;
    this.idOfKey.delete(streamKey);
    this.keyOfId.delete(patientId);
  }

  private remember(patientId: string, streamKey: string | null): string | null {
    if (streamKey === null) return null;
    this.keyOfId.set(patientId, streamKey);
    this.idOfKey.set(streamKey, patientId);
    return streamKey;
  }

  /** For writes: the existing stream (keyed or legacy), else a new stream key and data key. */
  async forWrite(patientId: string): Promise<ResolvedStream> {
    const found = this.forRead(patientId);
    if (found.streamKey !== null) return found;
    if ((await this.store.readStream(found.streamId)).length > 0) return found;
    const streamKey = this.remember(patientId, await this.issue(this.lookupOf(patientId)))!;
    return { streamId: patientStreamId(streamKey), streamKey };
  }

  /**
   * A key must be on disk before an event sealed with it, i.e. one fsync per issue; the new patients of
   * the same moment (an import's patients in flight) share one write instead of one each.
   */
  private issue(lookup: Buffer): Promise<string> {
    return new Promise((resolve, reject) => {
      if (this.waiting.push({ lookup, resolve, reject }) > 1) return;
      setImmediate(() => {
        const batch = this.waiting;
        this.waiting = [];
        try {
          this.vault.issueMany(batch.map((w) => w.lookup)).forEach((entry, i) => batch[i].resolve(entry.streamKey));
        } catch (error) {
          batch.forEach((w) => w.reject(error));
        }
      });
    });
  }

  private lookupOf(patientId: string): Buffer {
    return createHmac('sha256', this.secret).update(`patient-stream\0${patientId}`).digest();
  }
}
