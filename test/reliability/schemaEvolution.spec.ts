/**
 * Schema evolution: events written by version 1 of the software are read by an upgraded version in
 * which LesionOnsetRecorded moved to schema 2 (it gained `sizeMm`, unknown for old lesions) and
 * ContactRecorded to schema 3 (it gained `kind`). Rebuilt from the same stored log, every dataset
 * must come out byte-identical.
 */
import { foldCohort, emptyCohort, type LoggedPatientEvent } from '../../projections/cohort.fold';
import { DATASETS } from '../../projections/dataset.registry';
import { textTable } from '../../projections/row.format';
import { MemoryEventStore } from '../../src/eventStore/memory.adapter';
import type { StoredEvent } from '../../src/eventStore/eventStore.port';
import { patientIdOfStream } from '../../src/patients/patient.events';
import { recordedPatientEventReader, toRecordedPatientEvent } from '../../src/patients/patient.stream';
import { appendMayo } from '../support/mayo';

const upgradedReader = recordedPatientEventReader(3, {
  LesionOnsetRecorded: { 1: (d) => ({ ...d, sizeMm: null }), 2: (d) => d },
  ContactRecorded: { 1: (d) => ({ ...d, kind: 'unspecified' }), 2: (d) => d },
  PatientEnrolled: { 1: (d) => d, 2: (d) => d },
  DiagnosisRecorded: { 1: (d) => d, 2: (d) => d },
  TreatmentStarted: { 1: (d) => d, 2: (d) => d },
  TreatmentStopped: { 1: (d) => d, 2: (d) => d },
  ResponseGraded: { 1: (d) => d, 2: (d) => d },
  DeathRecorded: { 1: (d) => d, 2: (d) => d },
  ResearchAuthorizationChanged: { 1: (d) => d, 2: (d) => d },
  EntryCorrected: { 1: (d) => d, 2: (d) => d },
  EntryRetracted: { 1: (d) => d, 2: (d) => d },
});

function datasets(log: StoredEvent[], read: (stored: StoredEvent) => LoggedPatientEvent['event']): string {
  const cohort = foldCohort(emptyCohort(), log.map((e) => ({ patientId: patientIdOfStream(e.streamId), position: e.position, event: read(e) })));
  return DATASETS.map((d) => JSON.stringify(textTable(d.columns, d.rows(cohort, {})))).join('\n');
}

describe('schema evolution', () => {
  it('rebuilds byte-identical datasets from version-1 events with upgraded code', async () => {
    const store = new MemoryEventStore();
    await appendMayo(store);
    const log = await store.readAll();
    expect(new Set(log.map((e) => e.schemaVersion))).toEqual(new Set([1]));
    expect(upgradedReader(log.find((e) => e.type === 'LesionOnsetRecorded')!).data).toHaveProperty('sizeMm', null);
    const before = datasets(log, toRecordedPatientEvent);
    expect(before.length).toBeGreaterThan(10_000);
    expect(datasets(log, upgradedReader)).toBe(before);
  });
});
