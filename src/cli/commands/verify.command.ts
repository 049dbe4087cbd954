/** `verify`: checks the hash chain of the whole log (`--server`: GET /audit/verify); exit code 2 when a link is broken. */
import type { Command } from 'commander';
import { verifyLog, type VerifyReport } from '../../eventStore/verifyLog';
import { onTarget } from '../cliTarget';

export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description('check that no stored event was edited, deleted or reordered (hash chain over the log)')
    .action(async (_options: unknown, command: Command) => {
      const report = await onTarget<VerifyReport>(command, {
        local: async ({ store }) => {
          const checked = await verifyLog(store, (count, head) => process.stderr.write(`\rchecked ${count} of ${head} events`));
          process.stderr.write('\n');
          return checked;
        },
        remote: (server) => server.json('/audit/verify'),
      });
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      if (!report.ok) {
        process.stderr.write(`BROKEN at position ${report.firstBreak!.position} (event ${report.firstBreak!.eventId}): ${report.firstBreak!.reason}\n`);
        process.exitCode = 2;
      }
    });
}
