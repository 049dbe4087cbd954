/** `report [--as-of] [--known-at] [--at-position] [--format md|json|html]`: the seed study's tables on the configured store (`--server`: GET /reports/cohort). */
import type { Command } from 'commander';
import type { CohortReport } from '../../reports/cohort.report';
import { CohortReportQuery } from '../../reports/cohortReport.handler';
import { reportHtml, reportMarkdown } from '../../reports/report.render';
import { onTarget } from '../cliTarget';
import { caughtUpCut, cutOptions, remoteCut, type CutOptions } from './export.command';

const RENDER: Record<string, (report: CohortReport) => string> = {
  md: reportMarkdown,
  html: reportHtml,
  json: (report) => `${JSON.stringify(report, null, 2)}\n`,
};

export function registerReportCommand(program: Command): void {
  cutOptions(program.command('report').description("print the seed study's tables (Tables 1-4, lesions, follow-up, deaths) for the cohort"))
    .option('--format <format>', 'md, json (unrounded) or html', 'md')
    .action(async (options: CutOptions & { format: string }, command: Command) => {
      const render = RENDER[options.format];
      if (!render) throw new Error(`--format must be md, json or html, not ${options.format}`);
      // the JSON report either way, rendered here: the same bytes as a local report
      const report = await onTarget<CohortReport>(command, {
        local: async (context) => context.queryBus.execute(new CohortReportQuery(await caughtUpCut(context, options))),
        remote: async (server) => server.json('/reports/cohort', { ...(await remoteCut(server, options)), format: 'json' }),
      });
      process.stdout.write(render(report));
    });
}
