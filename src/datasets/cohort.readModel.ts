/**
 * The persistent cohort read model: the live generation follows the store (catch-up from its
 * checkpoint, then live), so a restart folds only what it missed. A rebuild fills a new generation
 * from position 0 while this one keeps serving, then swaps (blue/green). In an HTTP server it starts
 * with the application; in the CLI on first use, so a CLI import does not pay for it.
 */
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AppConfig } from '../config';
import { StoreUnavailableError } from '../eventStore/eventStore.port';
import type { EventStore, StoredEvent, Subscription } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import { DomainError } from '../shared/domain.error';
import type { CohortState, KnowledgeCut } from '../../projections/cohort.fold';
import { CohortFollower, type Progress } from './cohort.follower';
import { cohortAtCut } from './history.cut';
import { PositionWaiters } from './position.waiters';
import { MemoryReadModelCatalog, SqliteReadModelCatalog, type ReadModelCatalog } from './readModel.catalog';

export interface ReadModelStatus {
  name: 'cohort';
  generation: number;
  position: number;
  failure: string | null;
  rebuilding: { generation: number; position: number } | null;
}

const BATCH = 2000;

@Injectable()
export class CohortReadModel implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('CohortReadModel');
  private catalog: ReadModelCatalog | null = null;
  private follower: CohortFollower | null = null;
  private subscription: Subscription | null = null;
  private buffer: StoredEvent[] = [];
  private flushScheduled = false;
  private readonly waiters = new PositionWaiters();
  private closed = false;
  private starting: Promise<void> | null = null;
  private rebuilding: CohortFollower | null = null;
  private watch: NodeJS.Timeout | null = null;
  /** set when folding failed: the read model stops where it was, and /health says so */
  private failure: string | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject('CONFIG') private readonly config: AppConfig,
    @Optional() private readonly httpHost?: HttpAdapterHost,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A store or read-model file that is unusable at start-up (corrupted, read-only, unreachable) must
    // not keep the server from starting: queries answer 503 and the next one tries to start again.
    if (this.httpHost?.httpAdapter) await this.started().catch((error: Error) => this.logger.error(`not started yet: ${error.message}`));
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.watch) clearInterval(this.watch);
    await this.subscription?.close();
    this.follower?.close();
    this.catalog?.close();
    this.waiters.cancelAll();
  }

  /** The follower of the live generation (it changes at a swap), opened and subscribed on first use. */
  async started(): Promise<CohortFollower> {
    this.starting ??= Promise.resolve().then(() => {
      this.catalog = this.config.store === 'memory' ? new MemoryReadModelCatalog() : new SqliteReadModelCatalog(this.config.dataDir);
      let generation = this.catalog.live();
      // none yet, or only of an older stored form: fold the log into a fresh one and forget the old
      if (generation === null) this.catalog.activate((generation = this.catalog.create())).forEach((g) => this.catalog!.drop(g));
      this.adopt(new CohortFollower(this.catalog.open(generation)));
      if (this.catalog instanceof SqliteReadModelCatalog) this.watch = setInterval(() => this.followSwitch(), 1000).unref();
    });
    await this.starting.catch((error: unknown) => {
      this.starting = null;
      throw error instanceof StoreUnavailableError ? error : new StoreUnavailableError(`the read model cannot be opened: ${(error as Error).message}`, error);
    });
    return this.follower!;
  }

  status(): ReadModelStatus | null {
    if (!this.follower) return null;
    const rebuilding = this.rebuilding && { generation: this.rebuilding.storage.generation, position: this.rebuilding.position };
    return { name: 'cohort', generation: this.follower.storage.generation, position: this.follower.position, failure: this.failure, rebuilding };
  }

  /** Resolves true once the read model has folded `position`, false after `timeoutMs`. */
  async waitFor(position: number, timeoutMs: number): Promise<boolean> {
    return this.waiters.wait(position, (await this.started()).position, timeoutMs);
  }

  /** The latest state (read it synchronously: it moves on with the log). */
  async latest(): Promise<CohortState> {
    return (await this.started()).state;
  }

  async atCut(cut: KnowledgeCut): Promise<CohortState> {
    const follower = await this.started();
    return cohortAtCut(cut, { records: follower.records, marks: follower.marks, position: follower.position });
  }

  /** Rebuilds from position 0 into a new generation while this one serves, then swaps to it. */
  async rebuild(onProgress: Progress = () => undefined) {
    await this.started();
    if (this.rebuilding) throw new DomainError('conflict', 'a rebuild is already running');
    const catalog = this.catalog!;
    const started = performance.now();
    const fresh = new CohortFollower(catalog.open(catalog.create()));
    this.rebuilding = fresh;
    try {
      await fresh.readToHead(this.store, onProgress);
      const retired = catalog.activate(fresh.storage.generation);
      const old = this.adopt(fresh);
      old?.retire();
      retired.forEach((generation) => catalog.drop(generation));
    } finally {
      this.rebuilding = null;
    }
    const seconds = (performance.now() - started) / 1000;
    return { generation: fresh.storage.generation, position: fresh.position, eventsFolded: fresh.state.eventsFolded, seconds };
  }

  /** Makes `follower` the live one and (re)subscribes from its checkpoint; returns the one it replaces. */
  private adopt(follower: CohortFollower): CohortFollower | null {
    const old = this.follower;
    void this.subscription?.close();
    this.buffer = [];
    this.follower = follower;
    this.subscription = this.store.subscribeToAll(follower.position, (event) => this.receive(follower, event));
    this.waiters.settle(follower.position);
    return old;
  }

  private async receive(follower: CohortFollower, event: StoredEvent): Promise<void> {
    if (follower !== this.follower || this.failure !== null) return;
    this.buffer.push(event);
    if (this.buffer.length >= BATCH) return this.flush();
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => void this.flush());
    }
  }

  /** Folds what arrived, then lets the event loop breathe: a long catch-up must not starve requests. */
  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const events = this.buffer;
    this.buffer = [];
    if (events.length === 0 || !this.follower || this.closed) return;
    try {
      this.follower.apply(events);
    } catch (error) {
      // Skipping what failed would silently drop facts from every dataset: stop here, visibly.
      this.failure = `folding the events after position ${this.follower.position} failed: ${(error as Error).message}`;
      this.logger.error(`${this.failure}\n${(error as Error).stack}`);
      return;
    }
    this.waiters.settle(this.follower.position);
    await new Promise((resolve) => setImmediate(resolve));
  }

  /** Another process (the CLI's rebuild) made a new generation live: move over to it. */
  private followSwitch(): void {
    const live = this.catalog?.live();
    if (!this.catalog || live == null || this.rebuilding || live === this.follower?.storage.generation) return;
    this.logger.log(`generation ${live} is live now: switching over from ${this.follower?.storage.generation}`);
    this.adopt(new CohortFollower(this.catalog.open(live)))?.retire();
  }
}
