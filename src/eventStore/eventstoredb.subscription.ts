/**
 * A `$all` catch-up subscription that outlives dropped connections: when the server goes away (restart,
 * leader change, network), it subscribes again from the last position it delivered, waiting 100 ms, then
 * twice as long each failed attempt up to 5 s. The server starts strictly after the position it is given
 * and positions only grow, so each event reaches the handler once, in order, across reconnections.
 * A handler that throws stops the subscription (as in subscription.ts): the error is the read model's to fix.
 */
import type { StoredEvent, Subscription } from './eventStore.port';
import { isConnectionError } from './eventstoredb.connection';

export interface ServerSubscription extends AsyncIterable<StoredEvent> {
  unsubscribe(): Promise<void>;
}

export interface ResubscribeOptions {
  /** opens the server's subscription strictly after `after` (0: from the start) */
  open: (after: number) => ServerSubscription;
  onConnected?: () => void;
  onDropped?: (error: unknown) => void;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

export function resubscribingSubscription(
  options: ResubscribeOptions,
  after: number,
  handler: (event: StoredEvent) => void | Promise<void>,
): Subscription {
  const { open, initialDelayMs = 100, maxDelayMs = 5000 } = options;
  let position = after;
  let closed = false;
  let current: ServerSubscription | null = null;
  let wakeUp: (() => void) | null = null;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = (async () => {
    for (let attempt = 0; !closed; attempt++) {
      current = open(position);
      try {
        for await (const event of current) {
          attempt = 0;
          options.onConnected?.();
          if (event.position <= position) continue;
          await handler(event);
          position = event.position;
          if (closed) return;
        }
      } catch (error) {
        if (closed) return;
        if (!isConnectionError(error)) throw error;
        options.onDropped?.(error);
      }
      if (!closed) await pause(Math.min(maxDelayMs, initialDelayMs * 2 ** attempt));
    }
  })();

  return {
    async close() {
      closed = true;
      wakeUp?.();
      await current?.unsubscribe().catch(() => undefined);
      await loop.catch(() => undefined);
    },
  };
}
