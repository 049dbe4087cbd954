/** `demo`: loads the shipped SYNTHETIC cohort (demo/mayo-2012-synthetic, 81 patients); a second run appends nothing. */
import type { Command } from 'commander';
import { demoBundleFolder, readBundleFolder } from '../../import/bundle.source';
import { importFiles } from './import.command';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('load the synthetic 81-patient demo cohort (not real patients) into the configured store')
    .action(() => importFiles(readBundleFolder(demoBundleFolder())));
}
