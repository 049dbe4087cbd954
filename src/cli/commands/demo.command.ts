/** `demo`: loads the shipped SYNTHETIC cohort (demo/mayo-2012-synthetic, 81 patients); a second run appends nothing. With `--server`: POST /demo. */
import type { Command } from 'commander';
import { demoBundleFolder, readBundleFolder } from '../../import/bundle.source';
import { importBundle } from './import.command';

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('load the synthetic 81-patient demo cohort (not real patients) into the configured store')
    .action((_options: unknown, command: Command) => importBundle(command, readBundleFolder(demoBundleFolder()), (server) => server.post('/demo', {})));
}
