/**
 * GET /datasets/:name/diff and `cli diff`: a dataset at two knowledge cuts, compared only over the
 * patients whose records differ between the cuts, each changed row explained by that patient's events
 * that lie inside one cut and not the other (who, when, why, the event in words).
 */
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CohortReadModel } from '../datasets/cohort.readModel';
import { SOFTWARE_VERSION } from '../datasets/dataset.answer';
import type { EventStore } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import { cohortAtCut } from '../export/cohort.cut';
import { patientStreamId } from '../patients/patient.events';
import { historyEntry, type FieldChange } from '../patients/patient.history';
import { applyToRecord, emptyRecord } from '../patients/patient.record';
import { toRecordedPatientEvent } from '../patients/patient.stream';
import { DomainError } from '../shared/domain.error';
import { cutFilter, type CohortState, type KnowledgeCut } from '../../projections/cohort.fold';
import { findDataset } from '../../projections/dataset.registry';
import { diffDataset, patientsToCompare, rowKeyColumns, type CellChange } from '../../projections/dataset.diff';
import type { Row } from '../../projections/projection';
import { diffPositionProblems, type DiffParams } from './diff.params';

export interface ExplainingEvent {
  position: number;
  eventId: string;
  type: string;
  recordedAt: string;
  recordedBy: string;
  reason: string | null;
  description: string;
  changes: FieldChange[];
}

export interface DatasetDiff {
  dataset: string;
  asOf: string | null;
  from: KnowledgeCut & { position: number };
  to: KnowledgeCut & { position: number };
  key: string[];
  patientsCompared: number;
  counts: { added: number; removed: number; changed: number };
  added: { row: Row; events: ExplainingEvent[] }[];
  removed: { row: Row; events: ExplainingEvent[] }[];
  changed: { key: Row; changes: CellChange[]; events: ExplainingEvent[] }[];
  softwareVersion: string;
}

/** The events of one patient inside exactly one of the two cuts, read from the patient's own stream. */
async function explainingEvents(store: EventStore, patientId: string, from: KnowledgeCut, to: KnowledgeCut): Promise<ExplainingEvent[]> {
  const [inFrom, inTo] = [cutFilter(from), cutFilter(to)];
  const explaining: ExplainingEvent[] = [];
  let record = emptyRecord();
  for (const stored of await store.readStream(patientStreamId(patientId))) {
    const event = { ...stored, ...toRecordedPatientEvent(stored) };
    const logged = { patientId, position: stored.position, event };
    // the entry in words needs the record just before the event, whether or not the event is shown
    if (inFrom(logged) !== inTo(logged)) {
      const { position, eventId, type, recordedAt, recordedBy, reason, description, changes } = historyEntry(event, record);
      explaining.push({ position, eventId, type, recordedAt, recordedBy, reason, description, changes });
    }
    record = applyToRecord(record, event);
  }
  return explaining;
}

/** The diff itself, given a way to get the cohort at a cut: the query below and the benchmark share it. */
export async function datasetDiff(store: EventStore, atCut: (cut: KnowledgeCut) => Promise<CohortState>, params: DiffParams): Promise<DatasetDiff> {
  const projection = findDataset(params.name)!;
  const before = await atCut(params.from);
  const after = await atCut(params.to);
  const patients = patientsToCompare(before, after);
  const diff = diffDataset(projection, before, after, patients, params.asOf);
  const explained = new Map<string, ExplainingEvent[]>();
  const rows = [...diff.added, ...diff.removed, ...diff.changed.map((c) => c.key)];
  for (const id of new Set(rows.map((row) => String(row.patient_id)))) explained.set(id, await explainingEvents(store, id, params.from, params.to));
  const events = (row: Row) => explained.get(String(row.patient_id)) ?? [];
  return {
    dataset: projection.name,
    asOf: params.asOf ?? null,
    from: { ...params.from, position: before.position },
    to: { ...params.to, position: after.position },
    key: rowKeyColumns(projection),
    patientsCompared: patients.length,
    counts: { added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length },
    added: diff.added.map((row) => ({ row, events: events(row) })),
    removed: diff.removed.map((row) => ({ row, events: events(row) })),
    changed: diff.changed.map((c) => ({ ...c, events: events(c.key) })),
    softwareVersion: SOFTWARE_VERSION,
  };
}

export class DatasetDiffQuery {
  constructor(readonly params: DiffParams) {}
}

@QueryHandler(DatasetDiffQuery)
export class DatasetDiffHandler implements IQueryHandler<DatasetDiffQuery, DatasetDiff> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readModel: CohortReadModel,
  ) {}

  async execute({ params }: DatasetDiffQuery): Promise<DatasetDiff> {
    const problems = diffPositionProblems(params, await this.store.headPosition());
    if (problems.length > 0) throw DomainError.invalid(problems);
    // cohortAtCut waits for the read model to reach what each cut needs, as GET /datasets does.
    return datasetDiff(this.store, (cut) => cohortAtCut(this.readModel, this.store, cut), params);
  }
}
