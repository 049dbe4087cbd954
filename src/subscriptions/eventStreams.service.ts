/**
 * The open event streams of this server. Each one is a store subscription (catch up from a position,
 * then follow live: subscribeToAll) written to an HTTP response as server-sent events, with a
 * heartbeat comment every 15 s. A slow client slows its own subscription (the handler waits for the
 * socket to drain) instead of filling memory. A client that goes away closes its subscription and its
 * timer; shutting the server down ends every stream, so the HTTP server can close.
 */
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Response } from 'express';
import type { EventStore, StoredEvent } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import { eventFrame, HEARTBEAT, streamPreamble } from './eventStream.frame';

/** How long a disconnected EventSource waits before it reconnects (with Last-Event-ID). */
const RETRY_MS = 2000;

@Injectable()
export class EventStreams implements OnModuleDestroy {
  private readonly logger = new Logger('EventStreams');
  private readonly open = new Set<() => Promise<void>>();
  /** between heartbeat comments; tests shorten it */
  heartbeatMs = 15_000;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** How many streams are open now. */
  get count(): number {
    return this.open.size;
  }

  /** Starts streaming the log after `after` into `res`; it runs until the client or the server goes. */
  follow(res: Response, after: number): void {
    res.status(200);
    res.set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    res.write(streamPreamble(after, RETRY_MS));
    let closed = false;
    const writable = () => !closed && !res.writableEnded && !res.destroyed;
    const write = (text: string): Promise<void> =>
      !writable() || res.write(text)
        ? Promise.resolve()
        : new Promise((resolve) => {
            const done = () => {
              res.off('drain', done);
              res.off('close', done);
              resolve();
            };
            res.on('drain', done);
            res.on('close', done);
          });
    const subscription = this.store.subscribeToAll(after, (event: StoredEvent) => (writable() ? write(eventFrame(event)) : undefined));
    const heartbeat = setInterval(() => void write(HEARTBEAT), this.heartbeatMs);
    const close = async () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      this.open.delete(close);
      await subscription.close().catch((error: Error) => this.logger.error(`closing a subscription failed: ${error.message}`));
      if (!res.writableEnded) res.end();
    };
    this.open.add(close);
    res.on('close', () => void close());
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.open].map((close) => close()));
  }
}
