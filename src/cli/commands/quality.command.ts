/** `quality [--as-of] [--known-at] [--max-corrections]`: the data-quality findings, one line each (`--server`: GET /quality). */
import type { Command } from 'commander';
import { QualityQuery, qualityParams, type QualityHandler } from '../../audit/quality.handler';
import { caughtUpCut, cutOptions, remoteCut } from './export.command';
import { onTarget } from '../cliTarget';

type QualityAnswer = Awaited<ReturnType<QualityHandler['execute']>>;

export function registerQualityCommand(program: Command): void {
  cutOptions(program.command('quality').description('list the soft data-quality findings: patient, rule, since when, what'))
    .option('--max-corrections <n>', 'flag facts corrected more often than this', '3')
    .option('--json', 'the whole answer as JSON')
    .action(async (options: { asOf?: string; knownAt?: string; atPosition?: string; maxCorrections: string; json?: boolean }, command: Command) => {
      const depth = qualityParams({ maxCorrections: options.maxCorrections });
      const answer = await onTarget<QualityAnswer>(command, {
        local: async (context) => context.queryBus.execute(new QualityQuery({ ...depth, ...(await caughtUpCut(context, options)) })),
        remote: async (server) => server.json('/quality', { ...(await remoteCut(server, options)), maxCorrections: options.maxCorrections }),
      });
      if (options.json) return void process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
      for (const f of answer.findings) process.stdout.write(`${f.patientId}\t${f.rule}\t${f.since}\t${f.detail}\n`);
      process.stderr.write(`${answer.findings.length} findings as of ${answer.referenceDate}\n`);
    });
}
