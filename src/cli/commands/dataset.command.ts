/**
 * `dataset <name> [--as-of] [--known-at] [--at-position] [--format csv|json] [--deidentify <mode>]`: the
 * same rows and manifest as GET /datasets/:name, on the local data directory or (`--server`) from that very route.
 * CSV (the default) goes to stdout alone, so it can be redirected to a file; its manifest goes to
 * stderr as one JSON line. `--format r|stata|sas|parquet --out <folder>` writes the analysis export
 * folder instead (datasetExport.cli.ts).
 */
import type { Command } from 'commander';
import { CohortReadModel } from '../../datasets/cohort.readModel';
import { manifestFromHeaders, type DatasetManifest } from '../../datasets/dataset.answer';
import { datasetParams } from '../../datasets/datasets.params';
import { GetDatasetQuery } from '../../datasets/datasets.query';
import type { Row } from '../../../projections/projection';
import { DATASET_NAMES } from '../../../projections/dataset.registry';
import { onTarget } from '../cliTarget';
import { isAnalysisFormat, writeAnalysisExport } from './datasetExport.cli';

/** The CLI folds whatever the server has not yet folded before answering: up to 10 minutes. */
const CATCH_UP_MS = 600_000;

type Options = { asOf?: string; knownAt?: string; atPosition?: string; format: string; out?: string; deidentify?: string };
/** What is printed: the CSV and its manifest, or the JSON rows with it. */
type Printed = { manifest: DatasetManifest; csv?: string; rows?: Row[] };

export function registerDatasetCommand(program: Command): void {
  program
    .command('dataset')
    .description('print an analysis dataset with its provenance manifest')
    .argument('<name>', DATASET_NAMES.join(' | '))
    .option('--as-of <date>', 'valid-time cut-off: only facts dated on or before it (YYYY-MM-DD)')
    .option('--known-at <instant>', 'knowledge cut: only events recorded by then (ISO instant)')
    .option('--at-position <position>', 'knowledge cut: only events up to this log position')
    .option('--format <format>', 'csv (default), json, or an analysis export: r, stata, sas, parquet (with --out)', 'csv')
    .option('--out <folder>', 'with --format r|stata|sas|parquet: write the CSV, manifest.json, the dictionary and the program or Parquet file there')
    .option('--deidentify <mode>', 'safe-harbor or limited-data-set (dates shifted per patient); default identified rows, which a server gives only with identified access')
    .action(async (name: string, { out, ...options }: Options, command: Command) => {
      const { format, ...cut } = options;
      if (isAnalysisFormat(format) || out !== undefined) return writeAnalysisExport(name, format, cut, out, command, CATCH_UP_MS);
      const params = datasetParams(name, options);
      const answer = await onTarget<Printed>(command, {
        local: async ({ app, store, queryBus }) => {
          await app.get(CohortReadModel).waitFor(await store.headPosition(), CATCH_UP_MS);
          return queryBus.execute(new GetDatasetQuery(params));
        },
        remote: async (server) => {
          const query = { ...options, minPosition: await server.headPosition() };
          if (params.format === 'json') return server.json<Printed>(`/datasets/${name}`, query);
          const { text, headers } = await server.text(`/datasets/${name}`, query);
          return { csv: text, manifest: manifestFromHeaders((header) => headers.get(header)) };
        },
      });
      if (params.format === 'json') {
        process.stdout.write(`${JSON.stringify({ manifest: answer.manifest, rows: answer.rows })}\n`);
      } else {
        process.stdout.write(answer.csv!);
        process.stderr.write(`${JSON.stringify(answer.manifest)}\n`);
      }
    });
}
