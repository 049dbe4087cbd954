/**
 * The paged patient list. It follows the log (never the in-process event bus): each query first
 * catches up from its last position, so a client always sees its own writes.
 */
import { Inject, Injectable } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore, StoredEvent } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import { LogFollower } from '../eventStore/logFollower';
import type { PatientEnrolled } from '../patients/patient.events';
import { PATIENT_STREAM_PREFIX, streamKeyOf, type IdentityErased } from '../patients/patient.events';

export interface PatientListItem {
  patientId: string;
  sex: string;
  birthDate: string | null;
  researchAuthorization: string;
  died: boolean;
  revision: number;
  lastRecordedAt: string;
}

export class ListPatientsQuery {
  constructor(
    readonly offset: number,
    readonly limit: number,
  ) {}
}

@Injectable()
export class PatientListReadModel {
  private readonly patients = new Map<string, PatientListItem>();
  private readonly follower: LogFollower;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.follower = new LogFollower(store, (event) => this.apply(event));
  }

  async page(offset: number, limit: number) {
    await this.follower.catchUp();
    const all = [...this.patients.values()];
    return { total: all.length, offset, limit, position: this.follower.position, items: all.slice(offset, offset + limit) };
  }

  private apply(event: StoredEvent): void {
    if (!event.streamId.startsWith(PATIENT_STREAM_PREFIX)) return;
    // by stream key; the registry id shown is the enrolment's (streams are named by opaque keys)
    const streamKey = streamKeyOf(event.streamId);
    if (event.type === 'PatientEnrolled') {
      const data = event.data as PatientEnrolled['data'];
      this.patients.set(streamKey, {
        patientId: data.patientId,
        sex: data.sex,
        birthDate: data.birthDate,
        researchAuthorization: data.researchAuthorization,
        died: false,
        revision: event.revision,
        lastRecordedAt: event.recordedAt,
      });
      return;
    }
    const item = this.patients.get(streamKey);
    if (!item) return;
    if (event.type === 'IdentityErased') {
      // the plaintext held for this patient goes at the erasure, as it does in every read model
      const erasure = event.data as IdentityErased['data'];
      Object.assign(item, { patientId: erasure.anonymousId, birthDate: null }, erasure.mode === 'exclude' ? { researchAuthorization: 'denied' } : {});
    }
    item.revision = event.revision;
    item.lastRecordedAt = event.recordedAt;
    if (event.type === 'DeathRecorded') item.died = true;
    if (event.type === 'ResearchAuthorizationChanged') item.researchAuthorization = (event.data as { researchAuthorization: string }).researchAuthorization;
  }
}

@QueryHandler(ListPatientsQuery)
export class ListPatientsHandler implements IQueryHandler<ListPatientsQuery> {
  constructor(private readonly readModel: PatientListReadModel) {}

  execute({ offset, limit }: ListPatientsQuery) {
    return this.readModel.page(offset, limit);
  }
}
