/** `audit-trail [--patient <id>] [--format csv|jsonl] > trail.csv`: the audit trail written to stdout page by page (`--server`: GET /audit/trail as it streams). */
import type { Command } from 'commander';
import { once } from 'node:events';
import { trailChunks, trailParams } from '../../audit/trail.read';
import { onTarget } from '../cliTarget';

export function registerAuditTrailCommand(program: Command): void {
  program
    .command('audit-trail')
    .description('every event of a patient or of the whole log: envelope, the event in words, reason, fields before -> after')
    .option('--patient <id>', 'one patient (default: the whole log)')
    .option('--format <format>', 'csv (default) or jsonl', 'csv')
    .action(async (options: { patient?: string; format: string }, command: Command) => {
      const query = { patientId: options.patient, format: options.format };
      const params = trailParams(query);
      // written as read, on either side: the local chunks read the store while the context is open
      await onTarget<void>(command, {
        local: async ({ store }) => write(await trailChunks(store, params)),
        remote: async (server) => write(await server.stream('/audit/trail', query)),
      });
    });
}

/** Respect stdout's backpressure: a whole-log trail piped to a slow consumer must not pile up in memory. */
async function write(chunks: AsyncIterable<string | Uint8Array>): Promise<void> {
  for await (const chunk of chunks) if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
}
