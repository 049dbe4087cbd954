/** `events <patientId>`: the raw stream of a patient as JSON lines, one event with its envelope per line. */
import type { Command } from 'commander';
import { GetPatientEventsQuery } from '../../http/patientQueries.handler';
import type { StoredEvent } from '../../eventStore/eventStore.port';
import { withCliContext } from '../cliContext';

export function registerEventsCommand(program: Command): void {
  program
    .command('events')
    .description("print a patient's stream as JSON lines")
    .argument('<patientId>', "the registry's patient id")
    .action(async (patientId: string) =>
      withCliContext(async ({ queryBus }) => {
        const events: StoredEvent[] = await queryBus.execute(new GetPatientEventsQuery(patientId));
        for (const event of events) process.stdout.write(`${JSON.stringify(event)}\n`);
      }),
    );
}
