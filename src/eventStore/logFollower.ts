/**
 * Keeps an in-memory read model at the head of the log: each catch-up reads what the model has not
 * seen yet. Catch-ups run one after another, so a caller that wrote at position p and then catches up
 * always sees p (read-your-writes), even while another catch-up was already running.
 */
import type { EventStore, StoredEvent } from './eventStore.port';

const PAGE = 5000;

export class LogFollower {
  position = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly apply: (event: StoredEvent) => void,
  ) {}

  catchUp(): Promise<void> {
    const run = this.queue.then(() => this.readToHead());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readToHead(): Promise<void> {
    for (;;) {
      const events = await this.store.readAll({ after: this.position, maxCount: PAGE });
      for (const event of events) {
        this.apply(event);
        this.position = event.position;
      }
      if (events.length < PAGE) return;
    }
  }
}
