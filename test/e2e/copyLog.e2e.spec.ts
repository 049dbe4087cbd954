/**
 * The copy use case between real stores: SQLite files and the in-process gRPC TEST DOUBLE of EventStoreDB
 * (test/support/esdbTestServer, not EventStoreDB), filled with the mayo-2012 cohort.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyLog, CopyRefusedError, verifyCopy } from '../../src/eventStore/copyLog';
import { toNewEvent } from '../../src/eventStore/copyLog.plan';
import type { EventStore, StoredEvent } from '../../src/eventStore/eventStore.port';
import { EventStoreDbEventStore } from '../../src/eventStore/eventstoredb.adapter';
import { MemoryEventStore } from '../../src/eventStore/memory.adapter';
import { SqliteEventStore } from '../../src/eventStore/sqlite.adapter';
import { verifyLog } from '../../src/eventStore/verifyLog';
import { startEsdbTestServer, type EsdbTestServer } from '../support/esdbTestServer/esdbTestServer';
import { appendMayo } from '../support/mayo';

const sqlite = () => SqliteEventStore.inDirectory(mkdtempSync(join(tmpdir(), 'copy-')));
/** What a faithful copy keeps of each event: everything but the store's own position (and hash, which SQLite recomputes). */
const envelopes = (events: StoredEvent[]) => events.map((e) => ({ ...toNewEvent(e), streamId: e.streamId, revision: e.revision }));

describe('copying a log between stores (EventStoreDB side: in-process gRPC TEST DOUBLE, not EventStoreDB)', () => {
  let node: EsdbTestServer;
  let mayo: SqliteEventStore;
  let mayoLog: StoredEvent[];
  const opened: EventStore[] = [];
  const esdb = () => {
    const store = new EventStoreDbEventStore({ connectionString: node.url, streamPrefixes: ['patient-', 'user-'] });
    opened.push(store);
    return store;
  };

  beforeAll(async () => {
    mayo = sqlite();
    await appendMayo(mayo);
    mayoLog = await mayo.readAll();
  });
  afterAll(() => mayo.close());
  beforeEach(async () => (node = await startEsdbTestServer()));
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await node.stop();
  });

  it('copies mayo-2012 from SQLite to EventStoreDB and back with identical envelopes, hashes and dataset SHA-256s', async () => {
    expect(mayoLog.length).toBe(2005);
    expect(new Set(mayoLog.map((e) => e.streamId)).size).toBe(81);
    const onNode = esdb();
    expect(await copyLog(mayo, onNode, { pageSize: 300 })).toMatchObject({ copied: 2005, skipped: 0, complete: true });
    const back = sqlite();
    expect(await copyLog(onNode, back)).toMatchObject({ copied: 2005, skipped: 0, complete: true });

    expect(envelopes(await onNode.readAll())).toEqual(envelopes(mayoLog));
    const backLog = await back.readAll();
    expect(envelopes(backLog)).toEqual(envelopes(mayoLog));
    // The chain leaves positions out and the copy keeps log order, so SQLite recomputes the very same hashes.
    expect(backLog.map((e) => e.hash)).toEqual(mayoLog.map((e) => e.hash));
    const [original, copied] = [await verifyLog(mayo), await verifyLog(back)];
    expect(copied).toMatchObject({ ok: true, checked: 2005, firstBreak: null, headHash: original.headHash });

    for (const [from, to] of [[mayo, onNode], [onNode, back]] as const) {
      const verification = await verifyCopy(from, to);
      expect(verification.differences).toEqual([]);
      expect(verification.ok).toBe(true);
      expect([...verification.target.datasets]).toEqual([...verification.source.datasets]);
      expect(verification.target.streams).toEqual(verification.source.streams);
    }
    const { source } = await verifyCopy(mayo, back);
    expect(source.datasets.size).toBe(7);
    expect(source.streams.get(mayoLog[0].streamId)).toBe(mayoLog.filter((e) => e.streamId === mayoLog[0].streamId).length);
    back.close();
  });

  it('resumes an interrupted copy where it stopped, with no event twice (SQLite -> EventStoreDB -> SQLite)', async () => {
    const onNode = esdb();
    expect(await copyLog(mayo, onNode, { pageSize: 100, stopAfter: 250 })).toMatchObject({ copied: 250, skipped: 0, complete: false });
    expect(node.log.records.filter((r) => r.streamName.startsWith('patient-')).length).toBe(250);
    expect(await copyLog(mayo, onNode, { pageSize: 100 })).toMatchObject({ copied: 1755, skipped: 250, complete: true });
    expect(await copyLog(mayo, onNode)).toMatchObject({ copied: 0, skipped: 2005, complete: true });

    const back = sqlite();
    expect(await copyLog(onNode, back, { stopAfter: 1000 })).toMatchObject({ copied: 1000, complete: false });
    expect(await copyLog(onNode, back, { pageSize: 64 })).toMatchObject({ copied: 1005, skipped: 1000, complete: true });
    const backLog = await back.readAll();
    expect(new Set(backLog.map((e) => e.eventId)).size).toBe(2005);
    expect(envelopes(backLog)).toEqual(envelopes(mayoLog));
    expect(await verifyLog(back)).toMatchObject({ ok: true, checked: 2005 });
    expect((await verifyCopy(mayo, back)).differences).toEqual([]);
    back.close();
  });

  it('resumes after the target failed mid-copy, including an append the target took but never acknowledged', async () => {
    const target = new MemoryEventStore();
    let appends = 0;
    const failing: EventStore = Object.assign(Object.create(target) as EventStore, {
      appendToStream: async (...args: Parameters<EventStore['appendToStream']>) => {
        const result = await target.appendToStream(...args);
        if (++appends === 5) throw new Error('connection dropped after the append');
        return result;
      },
    });
    await expect(copyLog(mayo, failing, { pageSize: 100 })).rejects.toThrow('connection dropped after the append');
    const heldBefore = await target.headPosition();
    expect(heldBefore).toBeGreaterThan(0);
    expect(await copyLog(mayo, target)).toMatchObject({ copied: 2005 - heldBefore, skipped: heldBefore, complete: true });
    expect(envelopes(await target.readAll())).toEqual(envelopes(mayoLog));
  });

  it('refuses a target that holds other events, and writes nothing to it', async () => {
    const target = new MemoryEventStore();
    const first = mayoLog[0];
    await target.appendToStream(first.streamId, [{ ...toNewEvent(first), eventId: '00000000-0000-4000-8000-000000000001' }], { expectedRevision: 'no_stream' });
    const refused = copyLog(mayo, target);
    await expect(refused).rejects.toThrow(CopyRefusedError);
    await expect(copyLog(mayo, target)).rejects.toThrow(
      `copy refused: event 1 of the target's log (${first.streamId} revision 0, id 00000000-0000-4000-8000-000000000001) is not the source's event at that place (${first.streamId} revision 0, id ${first.eventId})`,
    );
    expect(await target.headPosition()).toBe(1);
  });

  it('refuses to extend a target stream that took another event meanwhile, instead of overwriting it (expected revision)', async () => {
    const target = new MemoryEventStore();
    const first = mayoLog[0];
    const intruder = { ...toNewEvent(first), eventId: '00000000-0000-4000-8000-000000000002' };
    let raced = false;
    // Another writer appends to the first stream after the resume point was found, before the copy's own append.
    const racing: EventStore = Object.assign(Object.create(target) as EventStore, {
      appendToStream: async (...args: Parameters<EventStore['appendToStream']>) => {
        if (!raced) {
          raced = true;
          await target.appendToStream(first.streamId, [intruder], { expectedRevision: 'no_stream' });
        }
        return target.appendToStream(...args);
      },
    });
    await expect(copyLog(mayo, racing)).rejects.toThrow(
      `copy refused: the target's stream ${first.streamId} is at revision 0, but the source's next event there is revision 0 (id ${first.eventId})`,
    );
    expect((await target.readAll()).map((e) => e.eventId)).toEqual([intruder.eventId]);
  });
});
