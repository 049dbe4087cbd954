/**
 * The EventStoreDB adapter's view of its connection: which client errors mean "the server cannot be
 * reached right now" (the caller may retry: StoreUnavailableError, 503) and the state /health reports.
 * The client itself drops a failed channel and dials again (the leader, after a NotLeader answer) on the
 * next call, so recovery needs no restart; subscriptions resubscribe with backoff (eventstoredb.subscription.ts).
 */
import { CancelledError, DeadlineExceededError, NotLeaderError, TimeoutError, UnavailableError } from '@eventstore/db-client';
import { StoreUnavailableError } from './eventStore.port';
import type { StoreConnection } from './storeConnection';

const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

export function isConnectionError(error: unknown): boolean {
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError ||
    error instanceof NotLeaderError
  ) {
    return true;
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED || code === 'ECONNREFUSED') return true;
  // cluster discovery (gossip) gives up with a plain Error when no node answers
  return error instanceof Error && /Failed to discover/.test(error.message);
}

/** The connection string without user name and password, fit for logs and /health. */
export function redactedTarget(connectionString: string): string {
  return connectionString.replace(/^([a-z+]+:\/\/)[^@/]*@/i, '$1').replace(/\?.*$/, '');
}

export class ConnectionTracker {
  private current: StoreConnection;

  constructor(private readonly target: string) {
    this.current = { state: 'connecting', target, since: new Date().toISOString() };
  }

  get state(): StoreConnection {
    return { ...this.current };
  }

  succeeded(): void {
    if (this.current.state !== 'connected') this.current = { state: 'connected', target: this.target, since: new Date().toISOString() };
  }

  /** Returns the error the caller should throw: connection trouble becomes StoreUnavailableError. */
  failed(error: unknown): unknown {
    if (!isConnectionError(error)) {
      this.succeeded(); // the server answered (a conflict, a refusal): the link is up
      return error;
    }
    const reason = error instanceof Error ? error.message : String(error);
    if (this.current.state !== 'unavailable') this.current = { state: 'unavailable', target: this.target, since: new Date().toISOString(), reason };
    else this.current.reason = reason;
    return new StoreUnavailableError(`EventStoreDB at ${this.target} is unreachable (${reason}); the next request tries again`, error);
  }
}
