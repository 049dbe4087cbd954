/** `events <patientId>`: the raw stream of a patient as JSON lines, one event with its envelope per line (`--server`: GET /patients/:id/events). */
import type { Command } from 'commander';
import { GetPatientEventsQuery } from '../../http/patientQueries.handler';
import type { StoredEvent } from '../../eventStore/eventStore.port';
import { onTarget } from '../cliTarget';

export function registerEventsCommand(program: Command): void {
  program
    .command('events')
    .description("print a patient's stream as JSON lines")
    .argument('<patientId>', "the registry's patient id")
    .action(async (patientId: string, _options: unknown, command: Command) => {
      const events = await onTarget<StoredEvent[]>(command, {
        local: ({ queryBus }) => queryBus.execute(new GetPatientEventsQuery(patientId)),
        remote: (server) => server.json(`/patients/${encodeURIComponent(patientId)}/events`),
      });
      for (const event of events) process.stdout.write(`${JSON.stringify(event)}\n`);
    });
}
