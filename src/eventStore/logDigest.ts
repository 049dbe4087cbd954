/**
 * What a copied log must have in common with its source, whatever the store: the number of events of each
 * stream and the SHA-256 of every dataset of projections/dataset.registry.ts folded from the whole log.
 * Positions are left out on purpose: each store numbers them its own way (EventStoreDB: byte offsets).
 */
import { DATASETS } from '../../projections/dataset.registry';
import { emptyCohort, foldCohort, type CohortState, type LoggedPatientEvent } from '../../projections/cohort.fold';
import { datasetAnswer } from '../datasets/dataset.answer';
import { toLoggedPatientEvent } from '../datasets/loggedEvent';
import type { EventStore, StoredEvent } from './eventStore.port';

export interface LogDigest {
  events: number;
  /** events per stream id */
  streams: ReadonlyMap<string, number>;
  /** dataset name -> SHA-256 of its canonical CSV (the manifest's sha256) */
  datasets: ReadonlyMap<string, string>;
}

/** Pages of the log go in one by one, so memory holds the cohort, not the log. */
export class LogDigester {
  private events = 0;
  private readonly streams = new Map<string, number>();
  private cohort: CohortState = emptyCohort();

  add(page: readonly StoredEvent[]): void {
    this.events += page.length;
    for (const e of page) this.streams.set(e.streamId, (this.streams.get(e.streamId) ?? 0) + 1);
    this.cohort = foldCohort(this.cohort, page.map(toLoggedPatientEvent).filter((e): e is LoggedPatientEvent => e !== null));
  }

  digest(headPosition: number): LogDigest {
    const datasets = new Map(DATASETS.map((p) => [p.name, datasetAnswer(p, this.cohort, { name: p.name, format: 'csv' }, headPosition).manifest.sha256]));
    return { events: this.events, streams: new Map(this.streams), datasets };
  }
}

const PAGE = 5000;

export async function digestLog(store: EventStore): Promise<LogDigest> {
  const digester = new LogDigester();
  const head = await store.headPosition();
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: PAGE });
    digester.add(page);
    if (page.length < PAGE) break;
    after = page[page.length - 1].position;
  }
  return digester.digest(head);
}

/** Every difference between two digests, one readable line each; empty when the logs agree. */
export function digestDifferences(source: LogDigest, target: LogDigest): string[] {
  const differences: string[] = [];
  if (source.events !== target.events) differences.push(`events: ${source.events} in the source, ${target.events} in the target`);
  const streamIds = [...new Set([...source.streams.keys(), ...target.streams.keys()])].sort();
  for (const id of streamIds) {
    const [s, t] = [source.streams.get(id) ?? 0, target.streams.get(id) ?? 0];
    if (s !== t) differences.push(`stream ${id}: ${s} events in the source, ${t} in the target`);
  }
  for (const [name, sha] of source.datasets) {
    const other = target.datasets.get(name);
    if (sha !== other) differences.push(`dataset ${name}: SHA-256 ${sha} in the source, ${other ?? 'none'} in the target`);
  }
  return differences;
}
