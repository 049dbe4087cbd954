/**
 * The import use case. It checks the whole bundle first, every patient against their current record,
 * and writes nothing while any problem remains; then it appends, per changed patient, the events the
 * check decided (one atomic append each, expected revision = the one checked) under one import id,
 * with the envelope a PatientCommandMessage would give them; the decider does not run a second time.
 * Its event ids are time-ordered (timeOrderedId.ts says why).
 * Patients are read in batches so that progress can be shown and a big bundle does not hold the
 * event loop; they are written IN_FLIGHT at a time, so the store commits many appends with one fsync.
 */
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { ConcurrencyError, type EventStore } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import { envelopeOf } from '../http/patientCommand.handler';
import { patientDecider } from '../patients/patient.decider';
import { patientStreamForRead, patientStreamForWrite } from '../erasure/erasableEventStore';
import type { PatientRecord } from '../patients/patient.record';
import { patientStream, toRecordedPatientEvent } from '../patients/patient.stream';
import { CLOCK, type Clock } from '../shared/clock';
import { fold } from '../shared/decider';
import { appendDecided } from '../shared/eventEnvelope';
import { timeOrderedId } from '../shared/timeOrderedId';
import { bundleError } from './bundle.commands';
import { parseBundle, type BundleFiles, type BundlePatient, type ParsedBundle } from './bundle.parse';
import { planPatient, type PatientPlan } from './bundle.plan';
import type { ImportProblem } from './bundle.problem';
import { bundleSha256 } from './bundle.source';

export interface ImportProgress {
  phase: 'checking' | 'writing';
  /** patients done in this phase, of `total` */
  done: number;
  total: number;
  /** bundle rows of the patients done */
  rows: number;
}

export class ImportBundleMessage {
  constructor(
    readonly files: BundleFiles,
    readonly recordedBy: string,
    readonly onProgress: (progress: ImportProgress) => void = () => undefined,
  ) {}
}

export interface ImportSummary {
  importId: string;
  bundleSha256: string;
  rows: number;
  patients: number;
  /** patients whose record already said what the bundle says */
  unchanged: number;
  eventsAppended: number;
  facts: number;
  corrections: number;
  retractions: number;
  authorizationChanges: number;
  /** the log's head after the import: pass it as minPosition to read the imported cohort */
  position: number;
  /** from the hand-over of the source (its reading included) to the end of the write */
  seconds: number;
  /** rows / seconds */
  rowsPerSecond: number;
}

/** What importParsed needs besides the facts: who imports what, and since when. */
export interface ImportSource {
  /** fingerprints the source; corrections and retractions carry it in their reason */
  sourceSha256: string;
  recordedBy: string;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * performance.now() when the source was handed over, before it was read: the summary's seconds (and
   * rows/s) cover the whole use case, reading the source included (a big CSV bundle spends a sixth of
   * its import there), not just the check and the write.
   */
  startedAt: number;
}

const BATCH = 250;
/**
 * Patients written side by side: each is still its own atomic append with its own expected revision,
 * but appends that meet in the store share one transaction and one fsync (group commit). More than
 * one commit holds (MAX_EVENTS_PER_COMMIT, some 470 patients), so the next commit is already queued
 * when the writer thread ends one.
 */
const IN_FLIGHT = 1000;

/**
 * Runs `work` on every item, at most `width` at a time, a new one starting as soon as one ends: the
 * writer thread commits one batch while the next is being stamped and queued, instead of both sides
 * waiting for a whole window. After a failure no more start; those in flight end, then it throws.
 */
async function inSlidingWindow<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async () => {
    while (failure === null && next < items.length) {
      try {
        await work(items[next++]);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  if (failure !== null) throw (failure as { error: unknown }).error;
}

/** A changed patient between the check and the write: only what the write needs (a big bundle has millions of facts). */
interface Checked {
  patient: BundlePatient;
  plan: Pick<PatientPlan, 'events' | 'counts'>;
  revision: number | undefined;
}

@CommandHandler(ImportBundleMessage)
export class ImportBundleHandler implements ICommandHandler<ImportBundleMessage, ImportSummary> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ files, recordedBy, onProgress }: ImportBundleMessage): Promise<ImportSummary> {
    const startedAt = performance.now();
    return this.importParsed(parseBundle(files), { sourceSha256: bundleSha256(files), recordedBy, onProgress, startedAt });
  }

  /**
   * The import of a bundle already read into facts per patient (from CSV files, or from FHIR
   * resources: src/fhir), so every source goes through the same checks, plans and writes.
   */
  async importParsed(parsed: ParsedBundle, { sourceSha256, recordedBy, onProgress = () => undefined, startedAt }: ImportSource): Promise<ImportSummary> {
    const bundleSha = sourceSha256;
    const importId = randomUUID();
    const reason = `import ${bundleSha}`;
    const now = this.clock.now();
    const problems: ImportProblem[] = [...parsed.problems];
    const patients = parsed.patients;
    const changed: Checked[] = [];
    // Into an empty store (a first import) every record is empty: no look-up per patient. Someone who
    // writes meanwhile makes that patient's append fail on its expected revision, and it is planned again.
    const empty = (await this.store.headPosition()) === 0;
    let rows = 0;
    for (let start = 0; start < patients.length; start += BATCH) {
      for (const patient of patients.slice(start, start + BATCH)) {
        const { record, revision } = empty ? { record: patientDecider.initialState(), revision: undefined } : await this.current(patient.patientId);
        const { events, counts, problems: found } = planPatient(patient, record, { now, reason });
        problems.push(...found);
        if (events.length > 0) changed.push({ patient, plan: { events, counts }, revision });
        rows += patient.facts.length;
      }
      onProgress({ phase: 'checking', done: Math.min(start + BATCH, patients.length), total: patients.length, rows });
    }
    if (problems.length > 0) throw bundleError(problems);

    const totals = { eventsAppended: 0, facts: 0, corrections: 0, retractions: 0, authorizationChanges: 0 };
    rows = 0;
    let done = 0;
    const writeOne = async (item: Checked) => {
      const { plan, eventIds } = await this.write(item, { recordedBy, importId, bundleSha, reason });
      totals.eventsAppended += eventIds;
      for (const key of ['facts', 'corrections', 'retractions', 'authorizationChanges'] as const) totals[key] += plan.counts[key];
      rows += item.patient.facts.length;
      done += 1;
      if (done % BATCH === 0 || done === changed.length) onProgress({ phase: 'writing', done, total: changed.length, rows });
    };
    await inSlidingWindow(changed, IN_FLIGHT, writeOne);
    const seconds = (performance.now() - startedAt) / 1000;
    return {
      importId,
      bundleSha256: bundleSha,
      rows: parsed.rows,
      patients: patients.length,
      unchanged: patients.length - changed.length,
      ...totals,
      position: await this.store.headPosition(),
      seconds,
      rowsPerSecond: Math.round(parsed.rows / seconds),
    };
  }

  private async current(patientId: string): Promise<{ record: PatientRecord; revision: number | undefined }> {
    const stored = await this.store.readStream(patientStreamForRead(this.store, patientId).streamId);
    const record = fold(patientDecider.evolve, patientDecider.initialState(), stored.map(toRecordedPatientEvent));
    return { record, revision: stored.at(-1)?.revision };
  }

  /**
   * Appends the events decided against the revision that was checked. If someone wrote to the patient
   * since, the plan is made again on the new record; a problem then (a rare race, after the whole
   * bundle was found clean) stops the import with the patients written so far kept.
   */
  private async write(item: Checked, context: { recordedBy: string; importId: string; bundleSha: string; reason: string }) {
    let { plan, revision }: { plan: Checked['plan']; revision: number | undefined } = item;
    for (let attempt = 0; ; attempt++) {
      try {
        const envelope = envelopeOf(
          { recordedBy: context.recordedBy, correlationId: context.importId, expectedRevision: revision, metadata: { importId: context.importId, bundleSha256: context.bundleSha } },
          this.clock.now(),
        );
        const { streamId } = await patientStreamForWrite(this.store, item.patient.patientId);
        const result = await appendDecided(this.store, streamId, plan.events, revision, envelope, { newId: () => timeOrderedId(), schemaVersion: patientStream.schemaVersion });
        return { plan, eventIds: result.eventIds.length };
      } catch (error) {
        // a patient new at the check may have been enrolled since: the stream then exists, also a ConcurrencyError
        if (!(error instanceof ConcurrencyError) || attempt >= 2) throw error;
        const current = await this.current(item.patient.patientId);
        const again = planPatient(item.patient, current.record, { now: this.clock.now(), reason: context.reason });
        if (again.problems.length > 0) throw bundleError(again.problems);
        plan = again;
        revision = current.revision;
        if (plan.events.length === 0) return { plan, eventIds: 0 };
      }
    }
  }
}
