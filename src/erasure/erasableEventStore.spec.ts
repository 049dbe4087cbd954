import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '../eventStore/eventStore.port';
import { MemoryEventStore } from '../eventStore/memory.adapter';
import { verifyLog } from '../eventStore/verifyLog';
import { ErasableEventStore, patientStreamForRead, patientStreamForWrite } from './erasableEventStore';
import { MemoryKeyVault } from './keyVault';
import { SqliteKeyVault } from './keyVault.sqlite';

const event = (type: string, data: unknown): NewEvent => ({
  eventId: randomUUID(), type, schemaVersion: 1, data, recordedAt: '2011-06-30T10:00:00.000Z', recordedBy: 'spec', correlationId: 'c', causationId: null, metadata: {},
});
const enrolment = { patientId: 'MCC-4711', sex: 'female', birthDate: '1937-12-24', researchAuthorization: 'granted', treatmentHistory: 'documented' };
const death = { diedOn: '2009-03-01', cause: 'fell from the Kahler hotel roof' };

async function setUp() {
  const raw = new MemoryEventStore();
  const vault = new MemoryKeyVault();
  const store = new ErasableEventStore(raw, vault, randomBytes(32));
  const { streamId, streamKey } = await patientStreamForWrite(store, 'MCC-4711');
  await store.appendToStream(streamId, [event('PatientEnrolled', enrolment), event('DeathRecorded', death), event('ContactRecorded', { seenOn: '2008-01-01' })], { expectedRevision: 'no_stream' });
  return { raw, vault, store, streamId, streamKey: streamKey! };
}

describe('ErasableEventStore', () => {
  it('names a new patient stream by an opaque key and finds it again from the registry id', async () => {
    const { store, streamId } = await setUp();
    expect(streamId).toMatch(/^patient-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(patientStreamForRead(store, 'MCC-4711').streamId).toBe(streamId);
    await expect(patientStreamForWrite(store, 'MCC-4711')).resolves.toEqual({ streamId, streamKey: streamId.slice('patient-'.length) });
  });

  it('stores the identifying fields sealed, the clinical ones in clear, and reads them back in clear', async () => {
    const { raw, store, streamId } = await setUp();
    const stored = JSON.stringify(await raw.readAll());
    for (const identifying of ['MCC-4711', '1937-12-24', 'Kahler']) expect(stored).not.toContain(identifying);
    expect(stored).toContain('2009-03-01');
    const [enrolled, died] = await store.readStream(streamId);
    expect(enrolled.data).toEqual(enrolment);
    expect(died.data).toEqual(death);
  });

  it('after the shred the sealed fields read as placeholders and the hash chain still verifies', async () => {
    const { store, vault, streamId, streamKey } = await setUp();
    expect(vault.shred(streamKey)).toBe(true);
    store.forget(streamKey);
    const [enrolled, died, contact] = await store.readStream(streamId);
    expect(enrolled.data).toEqual({ ...enrolment, patientId: `erased-${streamKey}`, birthDate: null });
    expect(died.data).toEqual({ diedOn: '2009-03-01', cause: '[erased]' });
    expect(contact.data).toEqual({ seenOn: '2008-01-01' });
    expect(patientStreamForRead(store, 'MCC-4711').streamId).toBe('patient-MCC-4711');
    await expect(verifyLog(store)).resolves.toMatchObject({ ok: true, checked: 3 });
  });

  it('refuses a ciphertext moved to another event (the event id is authenticated with it)', async () => {
    const { raw, store, streamId } = await setUp();
    const [enrolled, died] = await raw.readStream(streamId);
    const moved = { ...died, data: { ...(died.data as object), cause: (enrolled.data as { patientId: unknown }).patientId } };
    await raw.appendToStream('patient-elsewhere', [{ ...moved, eventId: randomUUID() }], { expectedRevision: 'any' });
    // a stream without a key reads sealed values as placeholders; with the key, the GCM tag refuses the move
    await store.appendToStream(streamId, [{ ...moved, eventId: randomUUID() }], { expectedRevision: 'any' });
    await expect(store.readStream(streamId)).rejects.toThrow(/Unsupported state or unable to authenticate data/);
  });

  it('new patients written at the same moment get their keys in one vault write', async () => {
    const vault = new MemoryKeyVault();
    const store = new ErasableEventStore(new MemoryEventStore(), vault, randomBytes(32));
    const issueMany = jest.spyOn(vault, 'issueMany');
    const ids = Array.from({ length: 10 }, (_, i) => `NEW-${i}`);
    const streams = await Promise.all(ids.map((id) => patientStreamForWrite(store, id)));
    expect(issueMany).toHaveBeenCalledTimes(1);
    expect(new Set(streams.map((s) => s.streamId)).size).toBe(10);
    expect(ids.map((id) => patientStreamForRead(store, id).streamId)).toEqual(streams.map((s) => s.streamId));
  });

  it('given a resolved registry id, when it is resolved again, then the vault is not asked again', async () => {
    const { store, vault, streamId } = await setUp();
    const streamKeyOf = jest.spyOn(vault, 'streamKeyOf');
    for (let i = 0; i < 3; i++) await expect(patientStreamForWrite(store, 'MCC-4711')).resolves.toMatchObject({ streamId });
    expect(patientStreamForRead(store, 'MCC-4711').streamId).toBe(streamId);
    expect(streamKeyOf).not.toHaveBeenCalled();
  });

  it('given a remembered registry id, when another process erases it and this one reads the IdentityErased, then the id resolves as erased', async () => {
    const { raw, store, vault, streamId, streamKey } = await setUp();
    expect(patientStreamForRead(store, 'MCC-4711').streamId).toBe(streamId);
    // the other process: its IdentityErased in the shared log, then the shred of the shared vault
    await raw.appendToStream(streamId, [event('IdentityErased', { mode: 'anonymous', anonymousId: `erased-${streamKey}`, reason: 'r' })], { expectedRevision: 2 });
    vault.shred(streamKey);
    await store.readStream(streamId);
    expect(patientStreamForRead(store, 'MCC-4711')).toEqual({ streamId: 'patient-MCC-4711', streamKey: null });
  });

  it('legacy streams (patient-<registry id>, no key) pass through in clear', async () => {
    const { store } = await setUp();
    await store.appendToStream('patient-OLD-1', [event('PatientEnrolled', { ...enrolment, patientId: 'OLD-1' })], { expectedRevision: 'no_stream' });
    expect(patientStreamForRead(store, 'OLD-1')).toEqual({ streamId: 'patient-OLD-1', streamKey: null });
    await expect(patientStreamForWrite(store, 'OLD-1')).resolves.toEqual({ streamId: 'patient-OLD-1', streamKey: null });
    expect((await store.inner.readStream('patient-OLD-1'))[0].data).toMatchObject({ patientId: 'OLD-1' });
  });
});

describe('SqliteKeyVault', () => {
  it('issues one stream key per lookup, and a shred leaves no copy of the key in its files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vault-'));
    try {
      const vault = SqliteKeyVault.inDirectory(dir);
      const lookup = randomBytes(32);
      const first = vault.issue(lookup);
      expect(vault.issue(lookup)).toEqual(first);
      expect(vault.dataKeyOf(first.streamKey)).toEqual(first.dataKey);
      const keyBytes = Buffer.from(first.dataKey);
      expect(vault.shred(first.streamKey)).toBe(true);
      expect(vault.dataKeyOf(first.streamKey)).toBeNull();
      expect(vault.streamKeyOf(lookup)).toBeNull();
      vault.close();
      for (const file of ['keys.sqlite', 'keys.sqlite-wal']) {
        let bytes: Buffer;
        try {
          bytes = readFileSync(join(dir, file));
        } catch {
          continue;
        }
        expect(bytes.includes(keyBytes)).toBe(false);
        expect(bytes.includes(Buffer.from(first.streamKey))).toBe(false);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
