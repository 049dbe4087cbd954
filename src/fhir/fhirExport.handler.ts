/**
 * The FHIR export use cases: one patient's `$everything` (a searchset Bundle) and the whole cohort as
 * Bulk Data resources (the CLI writes them as NDJSON). Both read the datasets' read model, latest, as
 * GET /exports/bundle does (every patient, whatever their research authorization: it is the record,
 * not an analysis dataset), and read a patient's stream only when a fact of theirs was corrected or
 * retracted, for the Provenance (who and why are in the log, not in the record).
 */
import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { PatientRecord } from '../patients/patient.record';
import { patientStreamId } from '../patients/patient.events';
import { CohortReadModel } from '../datasets/cohort.readModel';
import { cohortForRequest } from '../datasets/cohort.request';
import type { EventStore } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import { CLOCK, type Clock } from '../shared/clock';
import { DomainError } from '../shared/domain.error';
import { byCodeUnits, ids } from './fhir.ids';
import { patientResources } from './fhir.mapping';
import { amendmentsOf, isAmended } from './fhir.provenance';
import type { FhirBundle, FhirResource } from './fhir.types';

/** GET /fhir/Patient/:id/$everything: `id` is the Patient resource id (the registry id where it is a valid FHIR id). */
export class FhirEverythingQuery {
  constructor(readonly patientResourceId: string) {}
}

/** Every patient's resources, patients in registry-id order. */
export class FhirExportQuery {}

abstract class FhirReader {
  constructor(
    protected readonly store: EventStore,
    protected readonly readModel: CohortReadModel,
  ) {}

  /** The latest records, each with the key of its stream, once the read model has folded the log. */
  protected async records(): Promise<[string, PatientRecord][]> {
    const { state } = await cohortForRequest(this.readModel, this.store, { minPosition: await this.store.headPosition() });
    return [...state.records.entries()].filter(([, r]) => r.patientId !== null);
  }

  protected async resourcesOf([streamKey, record]: [string, PatientRecord]): Promise<FhirResource[]> {
    const amendments = isAmended(record) ? amendmentsOf(await this.store.readStream(patientStreamId(streamKey))) : [];
    return patientResources(record, amendments);
  }
}

@QueryHandler(FhirExportQuery)
export class FhirExportHandler extends FhirReader implements IQueryHandler<FhirExportQuery, FhirResource[]> {
  constructor(@Inject(EVENT_STORE) store: EventStore, readModel: CohortReadModel) {
    super(store, readModel);
  }

  async execute(): Promise<FhirResource[]> {
    const resources: FhirResource[] = [];
    const records = (await this.records()).sort(([, a], [, b]) => byCodeUnits(a.patientId!, b.patientId!));
    for (const entry of records) resources.push(...(await this.resourcesOf(entry)));
    return resources;
  }
}

@QueryHandler(FhirEverythingQuery)
export class FhirEverythingHandler extends FhirReader implements IQueryHandler<FhirEverythingQuery, FhirBundle> {
  constructor(@Inject(EVENT_STORE) store: EventStore, readModel: CohortReadModel, @Inject(CLOCK) private readonly clock: Clock) {
    super(store, readModel);
  }

  async execute({ patientResourceId }: FhirEverythingQuery): Promise<FhirBundle> {
    const found = (await this.records()).find(([, record]) => ids.patient(record.patientId!) === patientResourceId);
    if (!found) throw new DomainError('not_found', `no Patient/${patientResourceId}`);
    const resources = await this.resourcesOf(found);
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      timestamp: this.clock.now(),
      total: resources.length,
      entry: resources.map((resource) => ({ resource, search: { mode: resource.resourceType === 'Patient' ? 'match' : 'include' } })),
    };
  }
}
