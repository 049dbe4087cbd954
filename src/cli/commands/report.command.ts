/** `report [--as-of] [--known-at] [--at-position] [--format md|json|html]`: the seed study's tables on the configured store. */
import type { Command } from 'commander';
import type { CohortReport } from '../../reports/cohort.report';
import { CohortReportQuery } from '../../reports/cohortReport.handler';
import { reportHtml, reportMarkdown } from '../../reports/report.render';
import { withCliContext } from '../cliContext';
import { caughtUpCut, cutOptions, type CutOptions } from './export.command';

const RENDER: Record<string, (report: CohortReport) => string> = {
  md: reportMarkdown,
  html: reportHtml,
  json: (report) => `${JSON.stringify(report, null, 2)}\n`,
};

export function registerReportCommand(program: Command): void {
  cutOptions(program.command('report').description("print the seed study's tables (Tables 1-4, lesions, follow-up, deaths) for the cohort"))
    .option('--format <format>', 'md, json (unrounded) or html', 'md')
    .action(async (options: CutOptions & { format: string }) => {
      const render = RENDER[options.format];
      if (!render) throw new Error(`--format must be md, json or html, not ${options.format}`);
      await withCliContext(async (context) => {
        const report: CohortReport = await context.queryBus.execute(new CohortReportQuery(await caughtUpCut(context, options)));
        process.stdout.write(render(report));
      });
    });
}
