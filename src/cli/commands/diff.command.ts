/**
 * `diff <dataset> --from <knownAt|position> --to <knownAt|position> [--as-of] [--json]`: what changed in a
 * dataset between two knowledge cuts, each row change with the events that caused it (GET /datasets/:name/diff,
 * which `--server` calls).
 */
import type { Command } from 'commander';
import { CohortReadModel } from '../../datasets/cohort.readModel';
import { DatasetDiffQuery, type DatasetDiff, type ExplainingEvent } from '../../audit/datasetDiff.handler';
import { diffParams } from '../../audit/diff.params';
import { DATASET_NAMES } from '../../../projections/dataset.registry';
import { onTarget } from '../cliTarget';

const CATCH_UP_MS = 600_000;
const show = (value: unknown) => (value === null || value === undefined ? '(blank)' : JSON.stringify(value));
const because = (events: ExplainingEvent[]) =>
  events.map((e) => `    <- #${e.position} ${e.type} ${e.eventId} by ${e.recordedBy} at ${e.recordedAt}: ${e.description}${e.reason ? ` [reason: ${e.reason}]` : ''}`);

function asText(diff: DatasetDiff): string[] {
  const key = (row: Record<string, unknown>) => diff.key.map((k) => `${k}=${row[k]}`).join(' ');
  return [
    ...diff.added.flatMap((a) => [`+ ${key(a.row)}`, ...because(a.events)]),
    ...diff.removed.flatMap((r) => [`- ${key(r.row)}`, ...because(r.events)]),
    ...diff.changed.flatMap((c) => [`~ ${key(c.key)}`, ...c.changes.map((x) => `    ${x.column}: ${show(x.before)} -> ${show(x.after)}`), ...because(c.events)]),
  ];
}

export function registerDiffCommand(program: Command): void {
  program
    .command('diff')
    .description('rows added, removed and changed in a dataset between two knowledge cuts, with the events that caused them')
    .argument('<dataset>', DATASET_NAMES.join(' | '))
    .requiredOption('--from <cut>', 'ISO instant (knownAt) or log position')
    .requiredOption('--to <cut>', 'ISO instant (knownAt) or log position')
    .option('--as-of <date>', 'valid-time cut-off for both sides (YYYY-MM-DD)')
    .option('--json', 'the whole answer as JSON')
    .action(async (name: string, options: { from: string; to: string; asOf?: string; json?: boolean }, command: Command) => {
      const query = { from: options.from, to: options.to, asOf: options.asOf };
      const params = diffParams(name, query);
      const diff = await onTarget<DatasetDiff>(command, {
        local: async ({ app, store, queryBus }) => {
          await app.get(CohortReadModel).waitFor(await store.headPosition(), CATCH_UP_MS);
          return queryBus.execute(new DatasetDiffQuery(params));
        },
        remote: (server) => server.json(`/datasets/${name}/diff`, query),
      });
      process.stdout.write(options.json ? `${JSON.stringify(diff, null, 2)}\n` : asText(diff).map((line) => `${line}\n`).join(''));
      process.stderr.write(`${diff.counts.added} added, ${diff.counts.removed} removed, ${diff.counts.changed} changed (positions ${diff.from.position} -> ${diff.to.position}, ${diff.patientsCompared} patients compared)\n`);
    });
}
