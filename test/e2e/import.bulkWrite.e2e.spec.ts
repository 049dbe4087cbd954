// e2e: the import appends the events its check decided (appendDecided) instead of sending every
// patient through the command bus again. The events must be the very ones the command bus would have
// written: the same bundles are imported into a second app the old way (plan each patient, then one
// PatientCommandMessage per changed patient, as the import did before), and every stream compared.
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { patientStreamForRead, rawEventStore } from '../../src/erasure/erasableEventStore';
import { isSealed } from '../../src/erasure/identifyingFields';
import type { StoredEvent } from '../../src/eventStore/eventStore.port';
import { PatientCommandMessage } from '../../src/http/patientCommand.handler';
import { parseBundle, type BundleFiles } from '../../src/import/bundle.parse';
import { planPatient } from '../../src/import/bundle.plan';
import { bundleSha256, readBundleFolder } from '../../src/import/bundle.source';
import { ImportBundleMessage, type ImportSummary } from '../../src/import/importBundle.handler';
import { patientDecider } from '../../src/patients/patient.decider';
import { toRecordedPatientEvent } from '../../src/patients/patient.stream';
import { CLOCK, type Clock } from '../../src/shared/clock';
import { fold } from '../../src/shared/decider';
import { startTestApp, type TestApp } from '../support/testApp';
import { MAYO_DIR } from '../support/mayo';

const source = readBundleFolder(MAYO_DIR);
/** A later export: a lesion moved, a contact gone and one new, an authorization withdrawn. */
const later: BundleFiles = {
  ...source,
  'lesions.csv': source['lesions.csv'].replace('MCC-9182,L1,hands_feet,1990-12-25,no,no', 'MCC-9182,L1,trunk,1990-12-25,no,no'),
  'contacts.csv': source['contacts.csv'].replace('MCC-8632,1990-06-27\n', '').replace('MCC-8632,1990-10-21\n', 'MCC-8632,1990-10-21\nMCC-8632,1990-11-02\n'),
  'patients.csv': source['patients.csv'].replace(/^(MCC-\d+,(?:female|male),[\d-]+,)granted,/m, '$1denied,'),
};

/** The import as it was: check every patient, then one command message per changed patient. */
async function importThroughCommandBus(t: TestApp, files: BundleFiles, importId: string): Promise<number> {
  const bus = t.app.get(CommandBus);
  const clock: Clock = t.app.get(CLOCK);
  const sha = bundleSha256(files);
  const now = clock.now();
  let appended = 0;
  for (const patient of parseBundle(files).patients) {
    const stored = await t.store.readStream(patientStreamForRead(t.store, patient.patientId).streamId);
    const record = fold(patientDecider.evolve, patientDecider.initialState(), stored.map(toRecordedPatientEvent));
    const plan = planPatient(patient, record, { now, reason: `import ${sha}` });
    expect(plan.problems).toEqual([]);
    if (plan.commands.length === 0) continue;
    const result = await bus.execute(
      new PatientCommandMessage(patient.patientId, plan.commands, {
        recordedBy: 'dev-mode',
        correlationId: importId,
        expectedRevision: stored.at(-1)?.revision,
        metadata: { importId, bundleSha256: sha },
      }),
    );
    appended += result.eventIds.length;
  }
  return appended;
}

/** Everything of an event but its id and position (random / log-wide), with ids it refers to replaced by revisions. */
async function streamsOf(t: TestApp, files: BundleFiles) {
  const streams: Record<string, unknown[]> = {};
  for (const { patientId } of parseBundle(files).patients) {
    const events = await t.store.readStream(t.streamOf(patientId));
    const revisionOf = new Map(events.map((e) => [e.eventId, e.revision]));
    const refersTo = (data: Record<string, unknown>) => (typeof data.eventId === 'string' ? { ...data, eventId: revisionOf.get(data.eventId) } : data);
    streams[patientId] = events.map(({ type, schemaVersion, data, recordedAt, recordedBy, correlationId, causationId, metadata, revision }: StoredEvent) => ({
      type,
      schemaVersion,
      data: refersTo(data as Record<string, unknown>),
      recordedAt,
      recordedBy,
      correlationId,
      causationId,
      metadata,
      revision,
    }));
  }
  return streams;
}

describe('import: the bulk write appends what the command bus would have appended (e2e)', () => {
  let bulk: TestApp;
  let viaBus: TestApp;
  beforeEach(async () => {
    [bulk, viaBus] = await Promise.all([startTestApp(), startTestApp()]);
  });
  afterEach(() => Promise.all([bulk.close(), viaBus.close()]));

  it('given the mayo bundle and then a later export, when imported both ways, then every stream holds the same events', async () => {
    const summaries: ImportSummary[] = [];
    for (const files of [source, later, later]) {
      const summary: ImportSummary = await bulk.app.get(CommandBus).execute(new ImportBundleMessage(files, 'dev-mode'));
      const appended = await importThroughCommandBus(viaBus, files, summary.importId);

      expect(summary.eventsAppended).toBe(appended);
      summaries.push(summary);
    }
    expect(summaries.map((s) => s.eventsAppended)).toEqual([2005, 4, 0]);
    expect(summaries[1]).toMatchObject({ facts: 1, corrections: 1, retractions: 1, authorizationChanges: 1 });
    const expected = await streamsOf(viaBus, later);
    expect(Object.values(expected).flat()).toHaveLength(2005 + 4);
    expect(await streamsOf(bulk, later)).toEqual(expected);
  });

  it('given an import, then identifying fields are sealed and streams are named by opaque keys', async () => {
    await bulk.app.get(CommandBus).execute(new ImportBundleMessage(source, 'dev-mode'));

    const raw = (await rawEventStore(bulk.store).readAll()).filter((e) => e.type === 'PatientEnrolled');
    expect(raw).toHaveLength(81);
    expect(raw.every((e) => isSealed((e.data as Record<string, unknown>).patientId) && isSealed((e.data as Record<string, unknown>).birthDate))).toBe(true);
    expect(raw.some((e) => e.streamId.includes('MCC-'))).toBe(false);
  });

  it('given a patient written to between the check and the write, then that patient is planned again and the bundle still wins', async () => {
    await bulk.app.get(CommandBus).execute(new ImportBundleMessage(source, 'dev-mode'));
    const streamId = bulk.streamOf('MCC-8632');
    const before = await bulk.store.readStream(streamId);
    const racing = { type: 'ContactRecorded', schemaVersion: 1, data: { seenOn: '1990-12-01' }, recordedAt: '2011-06-30T09:00:00.000Z', recordedBy: 'racer', correlationId: randomUUID(), causationId: null, metadata: {} };
    // the last progress report of the check comes just before the first append (the memory store appends at once)
    const onProgress = ({ phase, done, total }: { phase: string; done: number; total: number }) => {
      if (phase === 'checking' && done === total) void bulk.store.appendToStream(streamId, [{ ...racing, eventId: randomUUID() }], { expectedRevision: before.at(-1)!.revision });
    };

    const summary: ImportSummary = await bulk.app.get(CommandBus).execute(new ImportBundleMessage(later, 'dev-mode', onProgress));

    const after = (await bulk.store.readStream(streamId)).slice(before.length);
    expect(after.map((e) => [e.type, e.recordedBy])).toEqual([
      ['ContactRecorded', 'racer'],
      ['EntryRetracted', 'dev-mode'],
      ['EntryRetracted', 'dev-mode'],
      ['ContactRecorded', 'dev-mode'],
    ]);
    expect(summary.retractions).toBe(2);
  });

  it('given an empty store and a patient enrolled between the check and the write, then that patient is planned again on the new record', async () => {
    const enrolment = { patientId: 'MCC-9182', sex: 'female', birthDate: '1924-02-21', researchAuthorization: 'granted', treatmentHistory: 'documented' };
    const racing = { eventId: randomUUID(), type: 'PatientEnrolled', schemaVersion: 1, data: enrolment, recordedAt: '2011-06-30T09:00:00.000Z', recordedBy: 'racer', correlationId: randomUUID(), causationId: null, metadata: {} };
    // a stream of the registry id itself (legacy, before the vault): the import finds it when it writes
    const onProgress = ({ phase, done, total }: { phase: string; done: number; total: number }) => {
      if (phase === 'checking' && done === total) void bulk.store.appendToStream('patient-MCC-9182', [racing], { expectedRevision: 'no_stream' });
    };

    const summary: ImportSummary = await bulk.app.get(CommandBus).execute(new ImportBundleMessage(source, 'dev-mode', onProgress));

    expect(summary.eventsAppended).toBe(2005 - 1);
    const stream = await bulk.store.readStream('patient-MCC-9182');
    expect(stream.map((e) => e.recordedBy)).toEqual(['racer', ...Array(stream.length - 1).fill('dev-mode')]);
    expect(stream.filter((e) => e.type === 'PatientEnrolled')).toHaveLength(1);
  });
});
