/**
 * GET /audit/trail and `cli audit-trail`: the trail of one patient (their stream) or of the whole log,
 * read and written page by page so that a registry-sized export never sits in memory as a whole.
 */
import type { EventStore, StoredEvent } from '../eventStore/eventStore.port';
import { patientStreamForRead } from '../erasure/erasableEventStore';
import type { PatientRecord } from '../patients/patient.record';
import { DomainError, type FieldProblem } from '../shared/domain.error';
import { TRAIL_FORMATS, trailRows, trailText, type TrailFormat } from './trail.rows';

const PAGE = 5000;

export interface TrailParams {
  patientId?: string;
  format: TrailFormat;
}

export function trailParams(raw: Record<string, unknown>): TrailParams {
  const problems: FieldProblem[] = [];
  for (const [field, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (field !== 'patientId' && field !== 'format') problems.push({ field, reason: 'is not a parameter of this request' });
    else if (typeof value !== 'string' || value === '') problems.push({ field, reason: 'must be given once, not empty' });
  }
  const format = (raw.format ?? 'csv') as TrailFormat;
  if (!TRAIL_FORMATS.includes(format)) problems.push({ field: 'format', reason: `must be one of ${TRAIL_FORMATS.join(', ')}` });
  if (problems.length > 0) throw DomainError.invalid(problems);
  return { patientId: raw.patientId as string | undefined, format };
}

async function* logPages(store: EventStore): AsyncGenerator<StoredEvent[]> {
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: PAGE });
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1].position;
  }
}

/** The trail as text chunks; an unknown patient is refused before anything is written. */
export async function trailChunks(store: EventStore, params: TrailParams): Promise<AsyncGenerator<string>> {
  const stream = params.patientId === undefined ? null : await store.readStream(patientStreamForRead(store, params.patientId).streamId);
  if (stream !== null && stream.length === 0) throw new DomainError('not_found', `patient ${params.patientId} is not enrolled`);
  return (async function* () {
    const records = new Map<string, PatientRecord>();
    let first = true;
    for await (const page of stream === null ? logPages(store) : [stream]) {
      yield trailText(trailRows(page, records), params.format, first);
      first = false;
    }
    if (first && params.format === 'csv') yield trailText([], 'csv', true);
  })();
}
