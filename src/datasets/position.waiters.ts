/** Requests waiting, each at most a while, for a read model to reach a log position. */
export class PositionWaiters {
  private waiting: { position: number; resolve: (reached: boolean) => void }[] = [];

  /** Resolves true once `settle` reports `position` reached, false after `timeoutMs`. */
  wait(position: number, current: number, timeoutMs: number): Promise<boolean> {
    if (current >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      const waiter = { position, resolve: (reached: boolean) => (clearTimeout(timer), resolve(reached)) };
      this.waiting.push(waiter);
    });
  }

  settle(current: number): void {
    const reached = this.waiting.filter((w) => w.position <= current);
    this.waiting = this.waiting.filter((w) => w.position > current);
    reached.forEach((w) => w.resolve(true));
  }

  /** At shutdown: nobody waits for a read model that has stopped. */
  cancelAll(): void {
    this.waiting.forEach((w) => w.resolve(false));
    this.waiting = [];
  }
}
