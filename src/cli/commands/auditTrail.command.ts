/** `audit-trail [--patient <id>] [--format csv|jsonl] > trail.csv`: the audit trail written to stdout page by page. */
import type { Command } from 'commander';
import { once } from 'node:events';
import { trailChunks, trailParams } from '../../audit/trail.read';
import { withCliContext } from '../cliContext';

export function registerAuditTrailCommand(program: Command): void {
  program
    .command('audit-trail')
    .description('every event of a patient or of the whole log: envelope, the event in words, reason, fields before -> after')
    .option('--patient <id>', 'one patient (default: the whole log)')
    .option('--format <format>', 'csv (default) or jsonl', 'csv')
    .action(async (options: { patient?: string; format: string }) =>
      withCliContext(async ({ store }) => {
        const chunks = await trailChunks(store, trailParams({ patientId: options.patient, format: options.format }));
        // Respect stdout's backpressure: a whole-log trail piped to a slow consumer must not pile up in memory.
        for await (const chunk of chunks) if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
      }),
    );
}
