/** Reads the whole log page by page and checks its hash chain; memory stays flat on any log size. */
import type { EventStore } from './eventStore.port';
import { ChainVerifier, type ChainBreak } from './hashChain';
import { rawEventStore } from '../erasure/erasableEventStore';

export interface VerifyReport {
  ok: boolean;
  checked: number;
  headPosition: number;
  /** the hash of the last event checked: keep it elsewhere to detect events removed from the end */
  headHash: string;
  firstBreak: ChainBreak | null;
}

const PAGE = 5000;

export async function verifyLog(app: EventStore, onProgress?: (checked: number, head: number) => void): Promise<VerifyReport> {
  // the chain covers the stored bytes (sealed fields as ciphertext), not what the application reads
  const store = rawEventStore(app);
  const head = await store.headPosition();
  const verifier = new ChainVerifier();
  let after = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: PAGE });
    verifier.check(page);
    onProgress?.(verifier.checked, head);
    if (page.length < PAGE || verifier.firstBreak) break;
    after = page[page.length - 1].position;
  }
  return { ok: verifier.firstBreak === null, checked: verifier.checked, headPosition: head, headHash: verifier.headHash, firstBreak: verifier.firstBreak };
}
