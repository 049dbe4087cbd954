/** `verify`: checks the hash chain of the whole log; exit code 2 when a link is broken. */
import type { Command } from 'commander';
import { verifyLog } from '../../eventStore/verifyLog';
import { withCliContext } from '../cliContext';

export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description('check that no stored event was edited, deleted or reordered (hash chain over the log)')
    .action(async () =>
      withCliContext(async ({ store }) => {
        const report = await verifyLog(store, (checked, head) => process.stderr.write(`\rchecked ${checked} of ${head} events`));
        process.stderr.write('\n');
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        if (!report.ok) {
          process.stderr.write(`BROKEN at position ${report.firstBreak!.position} (event ${report.firstBreak!.eventId}): ${report.firstBreak!.reason}\n`);
          process.exitCode = 2;
        }
      }),
    );
}
