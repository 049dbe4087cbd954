/**
 * The one way from a registry id to a patient's stream. Streams are named by an opaque stream key
 * (`patient-<uuid>`) issued at the first write, so the log never shows a registry id; the vault maps
 * HMAC(installation secret, registry id) to the key, and forgets it at the erasure. Streams written
 * before the vault existed (`patient-<registry id>`, legacy) are still found, read and written, in clear.
 * An erased patient's anonymous id (`erased-<stream key>`) also names its stream.
 */
import { createHmac } from 'node:crypto';
import type { EventStore } from '../eventStore/eventStore.port';
import { ANONYMOUS_ID } from '../patients/patient.erasure';
import { patientStreamId } from '../patients/patient.events';
import type { KeyVault } from './keyVault';

export interface ResolvedStream {
  streamId: string;
  /** the key the stream is named by; null for a legacy stream, which cannot be erased */
  streamKey: string | null;
}

export class PatientStreams {
  constructor(
    private readonly vault: KeyVault,
    private readonly secret: Buffer,
    private readonly store: EventStore,
  ) {}

  /** For reads: never issues a key; an unknown id names a stream that does not exist. */
  forRead(patientId: string): ResolvedStream {
    const anonymous = ANONYMOUS_ID.exec(patientId);
    if (anonymous) return { streamId: patientStreamId(anonymous[1]), streamKey: anonymous[1] };
    const streamKey = this.vault.streamKeyOf(this.lookupOf(patientId));
    return streamKey === null ? { streamId: patientStreamId(patientId), streamKey: null } : { streamId: patientStreamId(streamKey), streamKey };
  }

  /** For writes: the existing stream (keyed or legacy), else a new stream key and data key. */
  async forWrite(patientId: string): Promise<ResolvedStream> {
    const found = this.forRead(patientId);
    if (found.streamKey !== null) return found;
    if ((await this.store.readStream(found.streamId)).length > 0) return found;
    const { streamKey } = this.vault.issue(this.lookupOf(patientId));
    return { streamId: patientStreamId(streamKey), streamKey };
  }

  private lookupOf(patientId: string): Buffer {
    return createHmac('sha256', this.secret).update(`patient-stream\0${patientId}`).digest();
  }
}
