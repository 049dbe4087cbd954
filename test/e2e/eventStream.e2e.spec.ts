/**
 * GET /events/stream with a real HTTP client on a listening server: catch-up from a position, then
 * live events; Last-Event-ID resumes without duplicates or gaps; a client that goes away closes its
 * store subscription. Expected events come from the store itself (readAll), never from the stream code.
 */
import { get, type ClientRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StoredEvent, Subscription } from '../../src/eventStore/eventStore.port';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordAccess } from '../../src/auth/accessLog';
import { SqliteEventStore } from '../../src/eventStore/sqlite.adapter';
import { EventStreams } from '../../src/subscriptions/eventStreams.service';
import { startTestApp, type TestApp } from '../support/testApp';

interface Frame {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/** An EventSource-like reader on node:http: frames as they arrive. */
class StreamClient {
  readonly frames: Frame[] = [];
  response!: IncomingMessage;
  private buffer = '';
  private waiters: (() => void)[] = [];
  private readonly request: ClientRequest;
  readonly opened: Promise<IncomingMessage>;

  constructor(port: number, path: string, headers: Record<string, string> = {}) {
    this.request = get({ port, path, headers: { Accept: 'text/event-stream', ...headers } });
    this.opened = new Promise((resolve, reject) => {
      this.request.on('error', reject);
      this.request.on('response', (response) => {
        this.response = response;
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => this.receive(chunk));
        response.on('error', () => undefined);
        resolve(response);
      });
    });
  }

  /** The events (frames with an id) received so far. */
  get events(): Frame[] {
    return this.frames.filter((f) => f.id !== undefined);
  }

  /** Waits until `predicate` holds over the frames received (at most 10 s). */
  async until(predicate: (client: StreamClient) => boolean): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!predicate(this)) {
      if (Date.now() > deadline) throw new Error(`stream: condition not met; frames ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  close(): void {
    this.request.destroy();
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const frame: Frame = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) frame.comment = line.slice(1).trim();
        else {
          const colon = line.indexOf(':');
          const field = line.slice(0, colon) as keyof Frame;
          if (field === 'id' || field === 'event' || field === 'data') frame[field] = line.slice(colon + 1).trimStart();
        }
      }
      this.frames.push(frame);
    }
    this.waiters.splice(0).forEach((wake) => wake());
  }
}

const enrol = (patientId: string) => ({ patientId, sex: 'female', birthDate: '1950-01-01', researchAuthorization: 'granted', treatmentHistory: 'documented' });

describe('event stream (e2e, server-sent events on a listening server)', () => {
  let t: TestApp;
  let port: number;
  const clients: StreamClient[] = [];
  const open = (path: string, headers?: Record<string, string>) => {
    const client = new StreamClient(port, path, headers);
    clients.push(client);
    return client;
  };
  const logged = async (): Promise<StoredEvent[]> => t.store.readAll();

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    for (const id of ['P1', 'P2', 'P3']) await t.http().post('/patients').send(enrol(id)).expect(201);
    await t.http().post('/patients/P2/contacts').send({ seenOn: '2010-01-01' }).expect(201);
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(() => t.close());

  it('given a log of 4 events, when a client subscribes after position 1, then it gets 2..4 and its own access entry, then a new command live', async () => {
    const client = open('/events/stream?after=1');
    const response = await client.opened;
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache, no-transform');
    await client.until((c) => c.events.length >= 4);
    const [, ...caughtUp] = await logged();
    // positions 2..4 as the store has them, then this subscription's access entry (logged before the stream began)
    expect(client.events.slice(0, 3).map((f) => [f.id, f.event, JSON.parse(f.data!)])).toEqual(
      caughtUp.slice(0, 3).map((e) => [String(e.position), e.type, { ...e, hash: undefined }].map((v) => (typeof v === 'object' ? JSON.parse(JSON.stringify(v)) : v))),
    );
    const access = JSON.parse(client.events[3].data!);
    expect([client.events[3].event, access.streamId.startsWith('access-'), access.data]).toEqual(['DataAccessed', true, null]);
    expect(client.frames[0].comment).toBe('following the log after position 1');

    const answer = await t.http().post('/patients/P1/contacts').send({ seenOn: '2011-02-03' }).expect(201);
    await client.until((c) => c.events.some((f) => f.id === String(answer.body.position)));
    const live = client.events.find((f) => f.id === String(answer.body.position))!;
    expect(live.event).toBe('ContactRecorded');
    expect(JSON.parse(live.data!)).toMatchObject({ streamId: expect.stringMatching(/^patient-/), type: 'ContactRecorded', data: { seenOn: '2011-02-03' }, position: answer.body.position, recordedBy: 'dev-mode' });
    const ids = client.events.map((f) => Number(f.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('given a dropped connection, when the client reconnects with Last-Event-ID, then it resumes after that id: no duplicate, no gap', async () => {
    const first = open('/events/stream?after=0');
    await first.until((c) => c.events.length >= 3);
    first.close();
    const lastSeen = first.events[2].id!;
    await t.http().post('/patients/P3/contacts').send({ seenOn: '2009-09-09' }).expect(201);
    // the header wins over the URL's after=0, as an EventSource reconnects to the same URL
    const second = open('/events/stream?after=0', { 'Last-Event-ID': lastSeen });
    const head = await t.store.headPosition();
    await second.until((c) => c.events.some((f) => Number(f.id) >= head));
    const received = [...first.events.slice(0, 3), ...second.events].map((f) => Number(f.id));
    const positions = (await logged()).map((e) => e.position).filter((p) => p <= Math.max(...received));
    expect(received).toEqual(positions);
  });

  it('given an open stream, when the client goes away, then its store subscription is closed and the stream forgotten; heartbeats are comments', async () => {
    const streams = t.app.get(EventStreams);
    const closes: jest.Mock[] = [];
    const subscribe = t.store.subscribeToAll.bind(t.store);
    const spy = jest.spyOn(t.store, 'subscribeToAll').mockImplementation((after, handler): Subscription => {
      const subscription = subscribe(after, handler);
      const close = jest.fn(() => subscription.close());
      closes.push(close);
      return { close };
    });
    streams.heartbeatMs = 50;
    const settle = async (count: number) => {
      const deadline = Date.now() + 5000;
      while (streams.count !== count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    };
    try {
      await settle(0); // the streams of the tests before, whose clients went away
      const before = streams.count;
      const client = open('/events/stream');
      await client.until((c) => c.frames.filter((f) => f.comment === 'heartbeat').length >= 2);
      expect(streams.count).toBe(before + 1);
      client.close();
      await settle(before);
      expect(streams.count).toBe(before);
      expect(closes).toHaveLength(1);
      expect(closes[0]).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
      streams.heartbeatMs = 15_000;
    }
  });

  it.each([
    ['/events/stream?after=-1', {}, 'after', /whole number/],
    ['/events/stream?after=999', {}, 'after', /beyond the end of the log/],
    ['/events/stream', { 'Last-Event-ID': 'abc' }, 'Last-Event-ID', /whole number/],
    ['/events/stream?since=3', {}, 'since', /not a parameter/],
  ])('refuses %s %j with 400 naming %s, and logs no access', async (path, headers, field, reason) => {
    const before = (await logged()).length;
    const res = await t.http().get(path).set({ Accept: 'text/event-stream', ...headers }).expect(400);
    expect(res.body.details).toEqual([{ field, reason: expect.stringMatching(reason) }]);
    expect((await logged()).length).toBe(before);
  });

  it('answers 406 to a client that does not accept text/event-stream', async () => {
    await t.http().get('/events/stream?after=0').set('Accept', 'application/json').expect(406);
  });
});

describe('event stream on shutdown (e2e)', () => {
  it('given an open stream, when the server shuts down, then the stream ends and the shutdown completes', async () => {
    const t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    const client = new StreamClient((t.app.getHttpServer().address() as AddressInfo).port, '/events/stream?after=0');
    const response = await client.opened;
    await client.until((c) => c.events.length >= 1);
    const ended = new Promise<void>((resolve) => response.on('close', resolve));
    await t.close();
    await ended;
    expect(t.app.get(EventStreams).count).toBe(0);
  });
});

describe('event stream on the SQLite store (e2e)', () => {
  it('given a server on a data directory, when another process appends to the same log, then the stream sends it too (the store is polled)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cc-event-stream-'));
    const t = await startTestApp({ config: { store: 'sqlite', dataDir } });
    const other = SqliteEventStore.inDirectory(dataDir);
    try {
      await t.app.listen(0, '127.0.0.1');
      await t.http().post('/patients').send(enrol('S1')).expect(201);
      const client = new StreamClient((t.app.getHttpServer().address() as AddressInfo).port, '/events/stream?after=0');
      await client.until((c) => c.events.length >= 2); // the enrolment and this subscription's access entry
      // what the CLI does on the same data directory: an append by another store handle, unseen by the server's wake-ups
      await recordAccess(other, { userName: 'os:someone', method: 'CLI', resource: 'dataset survival', parameters: {}, status: 0 }, '2011-07-01T00:00:00.000Z');
      const head = await other.headPosition();
      await client.until((c) => c.events.some((f) => f.id === String(head)));
      expect(client.events.map((f) => f.event)).toEqual(['PatientEnrolled', 'DataAccessed', 'DataAccessed']);
      expect(JSON.parse(client.events[2].data!)).toMatchObject({ recordedBy: 'os:someone', recordedAt: '2011-07-01T00:00:00.000Z', data: null });
      client.close();
    } finally {
      await other.close();
      await t.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
