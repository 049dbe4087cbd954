/**
 * `dataset <name> [--as-of] [--known-at] [--at-position] [--format csv|json]`: the same rows and
 * manifest as GET /datasets/:name, on the local data directory. CSV (the default) goes to stdout
 * alone, so it can be redirected to a file; its manifest goes to stderr as one JSON line.
 */
import type { Command } from 'commander';
import { CohortReadModel } from '../../datasets/cohort.readModel';
import type { DatasetAnswer } from '../../datasets/dataset.answer';
import { datasetParams } from '../../datasets/datasets.params';
import { GetDatasetQuery } from '../../datasets/datasets.query';
import { DATASET_NAMES } from '../../../projections/dataset.registry';
import { withCliContext } from '../cliContext';

/** The CLI folds whatever the server has not yet folded before answering: up to 10 minutes. */
const CATCH_UP_MS = 600_000;

export function registerDatasetCommand(program: Command): void {
  program
    .command('dataset')
    .description('print an analysis dataset with its provenance manifest')
    .argument('<name>', DATASET_NAMES.join(' | '))
    .option('--as-of <date>', 'valid-time cut-off: only facts dated on or before it (YYYY-MM-DD)')
    .option('--known-at <instant>', 'knowledge cut: only events recorded by then (ISO instant)')
    .option('--at-position <position>', 'knowledge cut: only events up to this log position')
    .option('--format <format>', 'csv (default) or json', 'csv')
    .action(async (name: string, options: { asOf?: string; knownAt?: string; atPosition?: string; format: string }) =>
      withCliContext(async ({ app, store, queryBus }) => {
        const params = datasetParams(name, options);
        await app.get(CohortReadModel).waitFor(await store.headPosition(), CATCH_UP_MS);
        const answer: DatasetAnswer = await queryBus.execute(new GetDatasetQuery(params));
        if (params.format === 'json') {
          process.stdout.write(`${JSON.stringify({ manifest: answer.manifest, rows: answer.rows })}\n`);
        } else {
          process.stdout.write(answer.csv);
          process.stderr.write(`${JSON.stringify(answer.manifest)}\n`);
        }
      }),
    );
}
