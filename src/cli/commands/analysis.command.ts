/**
 * `analysis <kaplan-meier|log-rank|rate-comparison> [options]`: the same answers as GET /analyses/*,
 * as JSON on stdout, on the local data directory (after folding whatever the log holds) or (`--server`)
 * from that very route, answered once the server has folded its whole log.
 */
import type { Command } from 'commander';
import { analysisParams, GROUPING_COLUMNS } from '../../analyses/analysis.params';
import { ANALYSES, AnalysisQuery, type AnalysisKind } from '../../analyses/analyses.handler';
import { DomainError } from '../../shared/domain.error';
import { onTarget } from '../cliTarget';

export function registerAnalysisCommand(program: Command): void {
  program
    .command('analysis')
    .description('run a survival analysis (as GET /analyses/<kind>) and print it as JSON')
    .argument('<kind>', ANALYSES.join(' | '))
    .option('--as-of <date>', 'valid-time cut-off (YYYY-MM-DD)')
    .option('--known-at <instant>', 'knowledge cut (ISO instant)')
    .option('--at-position <position>', 'knowledge cut by log position')
    .option('--group-by <column>', Object.keys(GROUPING_COLUMNS).join(', '))
    .option('--strata <column>', 'stratify the log-rank test by this column')
    .option('--conf-type <type>', 'log (default), log-log or plain')
    .option('--conf-level <level>', 'default 0.95')
    .option('--times <list>', 'comma-separated times, e.g. 60,120,180,240')
    .option('--time-unit <unit>', 'months (default), days or years')
    .option('--rho <rho>', '0 log-rank (default), 1 Peto-Peto')
    .option('--ratetable <name>', 'minnesota (default) or united-states')
    .action(async (kind: string, options: Record<string, string | undefined>, command: Command) => {
      if (!(ANALYSES as readonly string[]).includes(kind)) throw DomainError.invalid([{ field: 'kind', reason: `must be one of ${ANALYSES.join(', ')}` }]);
      const params = analysisParams(options);
      const answer = await onTarget<unknown>(command, {
        local: async ({ store, queryBus }) => {
          // The CLI answers from the whole log as it is now, like a query passing minPosition = head.
          params.cut.minPosition = params.cut.atPosition ?? (await store.headPosition());
          return queryBus.execute(new AnalysisQuery(kind as AnalysisKind, params));
        },
        remote: async (server) => server.json(`/analyses/${kind}`, { ...options, minPosition: options.atPosition ?? (await server.headPosition()) }),
      });
      process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
    });
}
