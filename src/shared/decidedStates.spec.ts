/**
 * The write side's remembered states (decidedStates.ts) as handleCommand uses them: a remembered state
 * saves the read, and never changes an answer. Two writers with a cache each stand for two processes
 * on one log; a raw append stands for the CLI or an import writing behind a cache's back.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ErasableEventStore, patientStreamForWrite } from '../erasure/erasableEventStore';
import { EraseIdentityHandler } from '../erasure/eraseIdentity.handler';
import { MemoryKeyVault } from '../erasure/keyVault';
import { ConcurrencyError, type EventStore } from '../eventStore/eventStore.port';
import { MemoryEventStore } from '../eventStore/memory.adapter';
import { SqliteEventStore } from '../eventStore/sqlite.adapter';
import { PatientCommandHandler, PatientCommandMessage, type UnstampedCommand } from '../http/patientCommand.handler';
import type { PatientCommand } from '../patients/patient.commands';
import type { PatientState } from '../patients/patient.decider';
import { patientStream } from '../patients/patient.stream';
import { DecidedStates } from './decidedStates';
import { DomainError } from './domain.error';
import { handleCommand, type CommandEnvelope } from './handleCommand';

const NOW = '2011-06-30T12:00:00.000Z';
const STREAM = 'patient-MCC-1';
const metadata = { now: NOW, recordedBy: 'spec' };
const enrol = { type: 'EnrollPatient', data: { patientId: 'MCC-1', sex: 'female', birthDate: '1950-03-04', researchAuthorization: 'granted', treatmentHistory: 'documented' }, metadata } as PatientCommand;
const contact = (seenOn: string) => ({ type: 'RecordContact', data: { seenOn }, metadata }) as PatientCommand;
const start = { type: 'StartTreatment', data: { treatmentId: 'T1', indication: 'calcinosis', agent: 'excision', category: 'surgical', dose: null, doseUnit: null, startedOn: '1993-01-01', lesionIds: [] }, metadata } as PatientCommand;
const stop = { type: 'StopTreatment', data: { treatmentId: 'T1', stoppedOn: '1994-01-01', reason: null }, metadata } as PatientCommand;
const death = { type: 'RecordDeath', data: { diedOn: '2005-01-01', cause: null }, metadata } as PatientCommand;
const envelope = (extra: Partial<CommandEnvelope> = {}): CommandEnvelope => ({ recordedAt: NOW, recordedBy: 'spec', correlationId: 'c', causationId: null, ...extra });

/** a writer: one store handle and its own remembered states, as one process has */
const writer = (store: EventStore) => {
  const states = new DecidedStates<PatientState>();
  return { store, states, run: (command: PatientCommand, extra?: Partial<CommandEnvelope>) => handleCommand({ store, newId: randomUUID, states }, patientStream, STREAM, [command], envelope(extra)) };
};
/** what a writer without memory would fold from the log */
const freshFold = async (store: EventStore, streamId = STREAM) => {
  const { states, store: s } = writer(store);
  await handleCommand({ store: s, newId: randomUUID, states }, patientStream, streamId, [], envelope());
  return states.get(streamId)!;
};
/** the log as it is, with appends that only answer: what a writer without memory would decide now */
const dryRun = (store: EventStore): EventStore => Object.assign(Object.create(store) as EventStore, {
  appendToStream: async (_: string, events: unknown[], { expectedRevision }: { expectedRevision: unknown }) => ({ nextExpectedRevision: (expectedRevision === 'no_stream' ? -1 : (expectedRevision as number)) + events.length, position: -1 }),
});
const outcome = (answer: Promise<{ replayed: boolean }>) => answer.then((r) => (r.replayed ? 'replayed' : 'accepted'), (e: Error) => e.name);
const types = async (store: EventStore) => (await store.readStream(STREAM)).map((e) => `${e.revision}:${e.type}`);

describe('remembered decided states (handleCommand with states)', () => {
  it('given a stream decided once, when the next command comes, then it is appended without reading the stream', async () => {
    const store = new MemoryEventStore();
    const a = writer(store);
    await a.run(enrol);
    const read = jest.spyOn(store, 'readStream');
    await expect(a.run(contact('2000-01-01'))).resolves.toMatchObject({ revision: 1, position: 2, replayed: false });
    expect(read).not.toHaveBeenCalled();
    expect(a.states.get(STREAM)).toEqual(await freshFold(store));
  });

  it('given another process appended behind the cache, when a command comes, then it is decided again on the stored stream: nothing lost, nothing twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'decided-'));
    const [one, two] = [SqliteEventStore.inDirectory(dir), SqliteEventStore.inDirectory(dir)];
    try {
      const [a, b] = [writer(one), writer(two)];
      await a.run(enrol);
      await b.run(contact('2000-01-01'));
      await b.run(start);
      // a remembers revision 0 and no treatment; stopping T1 needs the events b wrote
      await expect(a.run(stop)).resolves.toMatchObject({ revision: 3 });
      await a.run(contact('2000-02-02'));
      expect(await types(one)).toEqual(['0:PatientEnrolled', '1:ContactRecorded', '2:TreatmentStarted', '3:TreatmentStopped', '4:ContactRecorded']);
      expect(a.states.get(STREAM)).toEqual(await freshFold(one));
    } finally {
      await one.close();
      await two.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('given a death recorded behind the cache, when a contact after it comes, then it is refused as the stored stream says', async () => {
    const store = new MemoryEventStore();
    const [a, b] = [writer(store), writer(store)];
    await a.run(enrol);
    await b.run(death);
    await expect(a.run(contact('2006-01-01'))).rejects.toBeInstanceOf(DomainError);
    expect(await types(store)).toEqual(['0:PatientEnrolled', '1:DeathRecorded']);
  });

  it('given an Idempotency-Key used by another process, when the retry reaches this one, then it replays and appends nothing', async () => {
    const store = new MemoryEventStore();
    const [a, b] = [writer(store), writer(store)];
    await a.run(enrol);
    const first = await b.run(contact('2000-01-01'), { idempotencyKey: 'visit-1' });
    await expect(a.run(contact('2000-01-01'), { idempotencyKey: 'visit-1' })).resolves.toEqual({ ...first, replayed: true });
    await expect(a.run(contact('2000-01-01'), { idempotencyKey: 'visit-1' })).resolves.toEqual({ ...first, replayed: true });
    expect(await types(store)).toEqual(['0:PatientEnrolled', '1:ContactRecorded']);
  });

  it('given a stale cache, when If-Match names the stored revision, then it succeeds; the remembered revision is refused as stale', async () => {
    const store = new MemoryEventStore();
    const [a, b] = [writer(store), writer(store)];
    await a.run(enrol);
    await b.run(contact('2000-01-01'));
    await expect(a.run(contact('2000-02-02'), { expectedRevision: 0 })).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(a.run(contact('2000-02-02'), { expectedRevision: 1 })).resolves.toMatchObject({ revision: 2 });
    await expect(a.run(contact('2000-03-03'), { expectedRevision: 1 })).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await types(store)).toEqual(['0:PatientEnrolled', '1:ContactRecorded', '2:ContactRecorded']);
  });

  it('given a remembered patient, when the identity is erased, then the state is forgotten and the patient stays unwritable', async () => {
    const vault = new MemoryKeyVault();
    const store = new ErasableEventStore(new MemoryEventStore(), vault, randomBytes(32));
    const clock = { now: () => NOW };
    const commands = new PatientCommandHandler(store, clock);
    const send = (command: UnstampedCommand) => commands.execute(new PatientCommandMessage('MCC-1', [command], { recordedBy: 'spec' }));
    await send(enrol);
    await send(contact('2000-01-01'));
    const { streamId } = await patientStreamForWrite(store, 'MCC-1');
    const { anonymousId } = await new EraseIdentityHandler(store, clock).execute({ patientId: 'MCC-1', mode: 'anonymous', reason: 'request', recordedBy: 'spec' });
    expect(commands['states'].get(streamId)).toBeUndefined();
    await expect(commands.execute(new PatientCommandMessage(anonymousId, [contact('2000-02-02')], { recordedBy: 'spec' }))).rejects.toMatchObject({ code: 'conflict' });
    await expect(send(contact('2000-02-02'))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('two writers with a cache each and one without, on random commands, answer alike and remember what the log says (property)', async () => {
    const command = fc.oneof(
      fc.constant(enrol),
      fc.integer({ min: 0, max: 9000 }).map((d) => contact(new Date(Date.UTC(1990, 0, 1) + d * 86_400_000).toISOString().slice(0, 10))),
      fc.constant(start),
      fc.constant(stop),
      fc.constant(death),
    );
    const step = fc.record({ by: fc.constantFrom(0, 1, 2), command, key: fc.option(fc.constantFrom('k1', 'k2', 'k3'), { nil: undefined }), ifMatch: fc.option(fc.integer({ min: -1, max: 8 }), { nil: undefined }) });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 30 }), async (steps) => {
        const store = new MemoryEventStore();
        const writers = [writer(store), writer(store)];
        // most runs enrol first, so that the commands after it are worth deciding
        const enrolFirst = steps.length % 4 === 0 ? [] : [{ by: 0, command: enrol, key: undefined, ifMatch: undefined }];
        for (const { by, command: c, key, ifMatch } of [...enrolFirst, ...steps]) {
          const extra = { idempotencyKey: key, expectedRevision: ifMatch === undefined || ifMatch < 0 ? undefined : ifMatch };
          // the answer a writer without memory gives, decided on the log as it is now (and not appended)
          const plain = await outcome(handleCommand({ store: dryRun(store), newId: randomUUID }, patientStream, STREAM, [c], envelope(extra)));
          const answer = await outcome(by === 2 ? handleCommand({ store, newId: randomUUID }, patientStream, STREAM, [c], envelope(extra)) : writers[by].run(c, extra));
          expect(answer).toBe(plain);
        }
        const stored = await store.readStream(STREAM);
        expect(stored.map((e) => e.revision)).toEqual(stored.map((_, i) => i));
        const fresh = await freshFold(store);
        for (const w of writers) {
          const remembered = w.states.get(STREAM);
          if (remembered && remembered.revision === fresh.revision) expect(remembered).toEqual(fresh);
        }
      }),
      { numRuns: 300 },
    );
  });
});
