import { DeadlineExceededError, UnavailableError, WrongExpectedVersionError } from '@eventstore/db-client';
import { ConcurrencyError, StoreUnavailableError } from './eventStore.port';
import { ConnectionTracker, isConnectionError, redactedTarget } from './eventstoredb.connection';

describe('eventstoredb connection', () => {
  it('never shows credentials or options of the connection string', () => {
    expect(redactedTarget('esdb+discover://admin:changeit@cluster.example:2113?tlsCAFile=/certs/ca.crt')).toBe('esdb+discover://cluster.example:2113');
    expect(redactedTarget('esdb://a:2113,b:2113,c:2113?tls=false&nodePreference=leader')).toBe('esdb://a:2113,b:2113,c:2113');
  });

  it('tells connection trouble from answers of the server', () => {
    expect(isConnectionError(new UnavailableError())).toBe(true);
    expect(isConnectionError(new DeadlineExceededError())).toBe(true);
    expect(isConnectionError(Object.assign(new Error('14 UNAVAILABLE'), { code: 14 }))).toBe(true);
    expect(isConnectionError(new Error('Failed to discover after 10 attempts.'))).toBe(true);
    expect(isConnectionError(new WrongExpectedVersionError(undefined as never, { streamName: 's', current: 'no_stream', expected: 0n }))).toBe(false);
    expect(isConnectionError(new ConcurrencyError('s', 0, 'no_stream'))).toBe(false);
  });

  it('turns connection trouble into StoreUnavailableError and tracks the state /health reports', () => {
    const tracker = new ConnectionTracker('esdb://node:2113');
    expect(tracker.state.state).toBe('connecting');
    const thrown = tracker.failed(new UnavailableError(undefined, 'connect ECONNREFUSED'));
    expect(thrown).toBeInstanceOf(StoreUnavailableError);
    expect((thrown as Error).message).toBe('EventStoreDB at esdb://node:2113 is unreachable (connect ECONNREFUSED); the next request tries again');
    expect(tracker.state).toMatchObject({ state: 'unavailable', target: 'esdb://node:2113', reason: 'connect ECONNREFUSED' });
    const conflict = new ConcurrencyError('s', 0, 1);
    expect(tracker.failed(conflict)).toBe(conflict);
    expect(tracker.state.state).toBe('connected');
  });
});
