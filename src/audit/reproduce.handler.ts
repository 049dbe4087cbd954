/**
 * POST /reproduce and `cli reproduce`: recomputes a dataset or an analysis from its manifest, at the
 * same knowledge point with the same parameters, and says whether the bytes are the same (equal SHA-256).
 */
import { Inject } from '@nestjs/common';
import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AnalysisQuery } from '../analyses/analyses.handler';
import { SOFTWARE_VERSION, type DatasetAnswer } from '../datasets/dataset.answer';
import { GetDatasetQuery } from '../datasets/datasets.query';
import type { EventStore } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import { DomainError } from '../shared/domain.error';
import { reproduction } from './reproduce.manifest';

export interface ReproduceAnswer {
  identical: boolean;
  kind: 'dataset' | 'analysis';
  name: string;
  /** the digest in the manifest, and the digest of the recomputed result */
  expectedSha256: string;
  actualSha256: string;
  manifestSoftwareVersion: string;
  softwareVersion: string;
  /** the manifest made again now */
  manifest: unknown;
}

export class ReproduceQuery {
  constructor(readonly body: unknown) {}
}

@QueryHandler(ReproduceQuery)
export class ReproduceHandler implements IQueryHandler<ReproduceQuery, ReproduceAnswer> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly queryBus: QueryBus,
  ) {}

  async execute({ body }: ReproduceQuery): Promise<ReproduceAnswer> {
    const wanted = reproduction(body);
    const head = await this.store.headPosition();
    // A manifest from another (or a truncated) log: nothing here can reproduce it.
    if (wanted.position > head) throw DomainError.invalid([{ field: 'position', reason: `${wanted.position} is beyond the end of this log (position ${head})` }]);
    const { name, manifest } =
      wanted.kind === 'dataset'
        ? { name: wanted.params.name, manifest: ((await this.queryBus.execute(new GetDatasetQuery(wanted.params))) as DatasetAnswer).manifest }
        : { name: wanted.analysis, manifest: (await this.queryBus.execute(new AnalysisQuery(wanted.analysis, wanted.params))).manifest };
    return {
      identical: manifest.sha256 === wanted.sha256,
      kind: wanted.kind,
      name,
      expectedSha256: wanted.sha256,
      actualSha256: manifest.sha256,
      manifestSoftwareVersion: wanted.softwareVersion,
      softwareVersion: SOFTWARE_VERSION,
      manifest,
    };
  }
}
