/** `history <patientId> [--json]`: the audit history of a patient, in words or as JSON lines (`--server`: GET /patients/:id/history). */
import type { Command } from 'commander';
import { GetPatientHistoryQuery } from '../../http/patientQueries.handler';
import type { HistoryEntry } from '../../patients/patient.history';
import { onTarget } from '../cliTarget';

const show = (value: unknown) => (value === null || value === undefined ? '(blank)' : JSON.stringify(value));

function asText(entry: HistoryEntry): string {
  const head = `#${entry.revision} ${entry.recordedAt} by ${entry.recordedBy}: ${entry.description}`;
  const changes = entry.changes.map((c) => `    ${c.field}: ${show(c.before)} -> ${show(c.after)}`);
  return [head, ...changes].join('\n');
}

export function registerHistoryCommand(program: Command): void {
  program
    .command('history')
    .description("a patient's history: every event in words, corrections with values before and after and the reason")
    .argument('<patientId>', "the registry's patient id")
    .option('--json', 'one JSON object per event, with the state after it')
    .action(async (patientId: string, options: { json?: boolean }, command: Command) => {
      const history = await onTarget<HistoryEntry[]>(command, {
        local: ({ queryBus }) => queryBus.execute(new GetPatientHistoryQuery(patientId)),
        remote: (server) => server.json(`/patients/${encodeURIComponent(patientId)}/history`),
      });
      for (const entry of history) process.stdout.write(`${options.json ? JSON.stringify(entry) : asText(entry)}\n`);
    });
}
