/** `quality [--as-of] [--known-at] [--max-corrections]`: the data-quality findings, one line each. */
import type { Command } from 'commander';
import { QualityQuery, qualityParams } from '../../audit/quality.handler';
import { caughtUpCut, cutOptions } from './export.command';
import { withCliContext } from '../cliContext';

export function registerQualityCommand(program: Command): void {
  cutOptions(program.command('quality').description('list the soft data-quality findings: patient, rule, since when, what'))
    .option('--max-corrections <n>', 'flag facts corrected more often than this', '3')
    .option('--json', 'the whole answer as JSON')
    .action(async (options: { asOf?: string; knownAt?: string; atPosition?: string; maxCorrections: string; json?: boolean }) =>
      withCliContext(async (context) => {
        const cut = await caughtUpCut(context, options);
        const answer = await context.queryBus.execute(new QualityQuery({ ...qualityParams({ maxCorrections: options.maxCorrections }), ...cut }));
        if (options.json) return void process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
        for (const f of answer.findings) process.stdout.write(`${f.patientId}\t${f.rule}\t${f.since}\t${f.detail}\n`);
        process.stderr.write(`${answer.findings.length} findings as of ${answer.referenceDate}\n`);
      }),
    );
}
