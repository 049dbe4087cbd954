/** `export <folder> [--as-of] [--known-at]`: writes the cohort as a Cohort CSV bundle into a folder. */
import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExportBundleQuery } from '../../export/exportBundle.handler';
import type { BundleFiles } from '../../import/bundle.parse';
import { withCliContext } from '../cliContext';

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('write the cohort as a Cohort CSV bundle (corrections applied, retractions left out)')
    .argument('<folder>', 'where to write patients.csv, diagnoses.csv, ... (created if needed; files are replaced)')
    .option('--as-of <date>', 'valid-time cut-off: only facts dated on or before it (YYYY-MM-DD)')
    .option('--known-at <instant>', 'knowledge cut-off: only what was recorded by then (ISO instant)')
    .action(async (folder: string, options: { asOf?: string; knownAt?: string }) =>
      withCliContext(async ({ queryBus }) => {
        const files: BundleFiles = await queryBus.execute(new ExportBundleQuery(options.asOf, options.knownAt));
        mkdirSync(folder, { recursive: true });
        for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
        process.stdout.write(`wrote ${Object.keys(files).join(', ')} to ${folder}\n`);
      }),
    );
}
