/**
 * Catch-up then live subscription over any store that can read the log from a position: read pages
 * until the head, then wait for a wake-up (an append in this process) or the poll timer (appends by
 * another process on the same data, e.g. the CLI). Positions are checkpoints: nothing is skipped.
 */
import { StoreUnavailableError, type EventStore, type StoredEvent, type Subscription } from './eventStore.port';

const PAGE = 1000;

/** The appends of this process, announced to its live subscriptions so they need not wait for a poll. */
export class Wakes {
  private readonly listeners = new Set<() => void>();

  on(wake: () => void): () => void {
    this.listeners.add(wake);
    return () => this.listeners.delete(wake);
  }

  get size(): number {
    return this.listeners.size;
  }

  wakeAll(): void {
    this.listeners.forEach((wake) => wake());
  }

  clear(): void {
    this.listeners.clear();
  }
}

export function catchUpSubscription(
  store: Pick<EventStore, 'readAll'>,
  wakes: Wakes,
  after: number,
  handler: (event: StoredEvent) => void | Promise<void>,
  pollMs = 500,
): Subscription {
  let position = after;
  let closed = false;
  let wakeUp: (() => void) | null = null;
  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, pollMs);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });
  const unsubscribe = wakes.on(() => wakeUp?.());
  const loop = (async () => {
    while (!closed) {
      let page: StoredEvent[];
      try {
        page = await store.readAll({ after: position, maxCount: PAGE });
      } catch (error) {
        // An unusable store (the adapter logs why) is tried again at the next poll; the subscriber
        // simply falls behind, which read-model lag shows.
        if (!(error instanceof StoreUnavailableError)) throw error;
        await sleep();
        continue;
      }
      for (const event of page) {
        if (closed) return;
        await handler(event);
        position = event.position;
      }
      if (page.length < PAGE && !closed) await sleep();
    }
  })();
  return {
    async close() {
      closed = true;
      unsubscribe();
      wakeUp?.();
      await loop.catch(() => undefined);
    },
  };
}
