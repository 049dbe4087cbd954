/** `reproduce <manifest.json>`: recompute a dataset or analysis from its manifest (`--server`: POST /reproduce); exit code 2 when the bytes differ. */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { CohortReadModel } from '../../datasets/cohort.readModel';
import { ReproduceQuery, type ReproduceAnswer } from '../../audit/reproduce.handler';
import { onTarget } from '../cliTarget';

const CATCH_UP_MS = 600_000;

export function registerReproduceCommand(program: Command): void {
  program
    .command('reproduce')
    .description('recompute a dataset or analysis from its manifest (a file with the manifest or the whole answer) and compare SHA-256')
    .argument('<manifest>', 'path of the JSON file')
    .action(async (file: string, _options: unknown, command: Command) => {
      const body = JSON.parse(readFileSync(file, 'utf8')) as object;
      const answer = await onTarget<ReproduceAnswer>(command, {
        local: async ({ app, store, queryBus }) => {
          await app.get(CohortReadModel).waitFor(await store.headPosition(), CATCH_UP_MS);
          return queryBus.execute(new ReproduceQuery(body));
        },
        remote: (server) => server.post('/reproduce', body),
      });
      const { manifest: _again, ...verdict } = answer;
      process.stdout.write(`${JSON.stringify(verdict, null, 2)}\n`);
      process.stderr.write(`${answer.kind} ${answer.name}: ${answer.identical ? 'byte-identical' : 'DIFFERENT'} (expected ${answer.expectedSha256}, got ${answer.actualSha256})\n`);
      if (!answer.identical) process.exitCode = 2;
    });
}
