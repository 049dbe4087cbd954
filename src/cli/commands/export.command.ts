/**
 * `export <folder> [--as-of] [--known-at] [--at-position]`: writes the cohort as a Cohort CSV bundle into a folder,
 * read here or (`--server`) unzipped from GET /exports/bundle.
 */
import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CohortReadModel } from '../../datasets/cohort.readModel';
import { cutParams, type CutParams } from '../../export/cohort.cut';
import { ExportBundleQuery } from '../../export/exportBundle.handler';
import type { BundleFiles } from '../../import/bundle.parse';
import { unzipBundle } from '../../import/bundle.source';
import type { Query, RemoteServer } from '../remote/remoteServer';
import { onTarget } from '../cliTarget';
import type { CliContext } from '../cliContext';

/** The CLI folds whatever the server has not folded yet before answering: up to 10 minutes. */
const CATCH_UP_MS = 600_000;

export interface CutOptions {
  asOf?: string;
  knownAt?: string;
  atPosition?: string;
}

/** Checks the cut options and waits until the read model has folded the whole log as it is now. */
export async function caughtUpCut({ app, store }: CliContext, options: CutOptions): Promise<CutParams> {
  const params = cutParams({ asOf: options.asOf, knownAt: options.knownAt, atPosition: options.atPosition });
  await app.get(CohortReadModel).waitFor(await store.headPosition(), CATCH_UP_MS);
  return params;
}

/** The remote twin of caughtUpCut: the cut options as a query, answered once the server has folded its whole log as it is now. */
export async function remoteCut(server: RemoteServer, options: CutOptions): Promise<Query> {
  cutParams({ asOf: options.asOf, knownAt: options.knownAt, atPosition: options.atPosition });
  return { asOf: options.asOf, knownAt: options.knownAt, atPosition: options.atPosition, minPosition: await server.headPosition() };
}

export const cutOptions = (command: Command): Command =>
  command
    .option('--as-of <date>', 'valid-time cut-off: only facts dated on or before it (YYYY-MM-DD)')
    .option('--known-at <instant>', 'knowledge cut-off: only what was recorded by then (ISO instant)')
    .option('--at-position <position>', 'knowledge cut-off: only events up to this log position');

export function registerExportCommand(program: Command): void {
  cutOptions(
    program
      .command('export')
      .description('write the cohort as a Cohort CSV bundle (corrections applied, retractions left out)')
      .argument('<folder>', 'where to write patients.csv, diagnoses.csv, ... (created if needed; files are replaced)'),
  ).action(async (folder: string, options: CutOptions, command: Command) => {
      cutParams({ asOf: options.asOf, knownAt: options.knownAt, atPosition: options.atPosition });
      const files = await onTarget<BundleFiles>(command, {
        local: async (context) => context.queryBus.execute(new ExportBundleQuery(await caughtUpCut(context, options))),
        remote: async (server) => unzipBundle(await server.bytes('/exports/bundle', await remoteCut(server, options))),
      });
      mkdirSync(folder, { recursive: true });
      for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
      process.stdout.write(`wrote ${Object.keys(files).join(', ')} to ${folder}\n`);
    });
}
