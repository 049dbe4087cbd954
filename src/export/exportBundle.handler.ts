/**
 * The export use case: the bundle of the whole cohort as the log says at `knownAt` (default: now) and
 * as the facts stood at `asOf` (default: every fact). The same query serves GET /exports/bundle and
 * the CLI's `export`.
 */
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import type { BundleFiles } from '../import/bundle.parse';
import { isIsoDate, isIsoInstant } from '../shared/dates';
import { DomainError, type FieldProblem } from '../shared/domain.error';
import { exportBundle } from './bundle.export';
import { readCohort } from './cohort.reader';

export class ExportBundleQuery {
  constructor(
    readonly asOf?: string,
    readonly knownAt?: string,
  ) {}
}

/** Checks the cut-offs of an export or report: a calendar date and an ISO instant with a zone. */
export function checkCutOffs(asOf: string | undefined, knownAt: string | undefined): void {
  const problems: FieldProblem[] = [];
  if (asOf !== undefined && !isIsoDate(asOf)) problems.push({ field: 'asOf', reason: 'must be a real calendar date in YYYY-MM-DD form' });
  if (knownAt !== undefined && !isIsoInstant(knownAt)) problems.push({ field: 'knownAt', reason: 'must be an ISO 8601 instant with a time zone, e.g. 2011-06-30T12:00:00Z' });
  if (problems.length > 0) throw DomainError.invalid(problems);
}

@QueryHandler(ExportBundleQuery)
export class ExportBundleHandler implements IQueryHandler<ExportBundleQuery, BundleFiles> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ asOf, knownAt }: ExportBundleQuery): Promise<BundleFiles> {
    checkCutOffs(asOf, knownAt);
    return exportBundle(await readCohort(this.store, { knownAt }), asOf ?? null);
  }
}
