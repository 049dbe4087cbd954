/**
 * `rebuild`: folds the whole log into a new generation of the read models while the live one keeps
 * serving (a running server included), then makes it live. Progress on stderr, a summary on stdout.
 * Local only: the HTTP API has no twin, so `--server` is refused.
 */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { CohortReadModel } from '../../datasets/cohort.readModel';
import { onTarget } from '../cliTarget';

export function registerRebuildCommand(program: Command): void {
  program
    .command('rebuild')
    .description('rebuild the read models from the log (blue/green: the live one serves until the new one has caught up)')
    .action(async (_options: unknown, command: Command) =>
      onTarget(command, {
        local: async ({ app }) => {
          const bar = new SingleBar({ format: 'rebuild [{bar}] {percentage}% | {value}/{total} events | ETA {eta_formatted}', stream: process.stderr, etaBuffer: 50 });
          bar.start(0, 0);
          const result = await app.get(CohortReadModel).rebuild((position, head) => {
            bar.setTotal(head);
            bar.update(position);
          });
          bar.stop();
          const eventsPerSecond = Math.round(result.position / Math.max(result.seconds, 1e-9));
          process.stdout.write(`${JSON.stringify({ readModel: 'cohort', ...result, seconds: +result.seconds.toFixed(2), eventsPerSecond })}\n`);
        },
      }),
    );
}
