/** `report [--as-of] [--known-at] [--format md|json|html]`: the seed study's tables on the configured store. */
import type { Command } from 'commander';
import type { CohortReport } from '../../reports/cohort.report';
import { CohortReportQuery } from '../../reports/cohortReport.handler';
import { reportHtml, reportMarkdown } from '../../reports/report.render';
import { withCliContext } from '../cliContext';

const RENDER: Record<string, (report: CohortReport) => string> = {
  md: reportMarkdown,
  html: reportHtml,
  json: (report) => `${JSON.stringify(report, null, 2)}\n`,
};

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description("print the seed study's tables (Tables 1-4, lesions, follow-up, deaths) for the cohort")
    .option('--as-of <date>', 'valid-time cut-off: only facts dated on or before it (YYYY-MM-DD)')
    .option('--known-at <instant>', 'knowledge cut-off: only what was recorded by then (ISO instant)')
    .option('--format <format>', 'md, json (unrounded) or html', 'md')
    .action(async (options: { asOf?: string; knownAt?: string; format: string }) => {
      const render = RENDER[options.format];
      if (!render) throw new Error(`--format must be md, json or html, not ${options.format}`);
      await withCliContext(async ({ queryBus }) => {
        const report: CohortReport = await queryBus.execute(new CohortReportQuery(options.asOf, options.knownAt));
        process.stdout.write(render(report));
      });
    });
}
