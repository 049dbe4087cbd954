/**
 * `erase <patientId> --mode anonymous|exclude --reason "..."`: the erasure of POST /patients/:id/erasure
 * (`--server`: that route, as the token's admin): IdentityErased appended, the patient's data key
 * shredded, the read models rebuilt (waited for on the data directory). Prints the answer as JSON; the
 * anonymous id is what the patient goes by from now on.
 */
import { Option, type Command } from 'commander';
import { EraseIdentityMessage, type ErasureResult } from '../../erasure/eraseIdentity.handler';
import { ERASURE_MODES, type ErasureMode } from '../../patients/patient.erasure';
import { onTarget } from '../cliTarget';

type Answer = { anonymousId: string; mode: ErasureMode; position: number; eventIds: string[]; keyShredded: true };

export function registerEraseCommand(program: Command): void {
  program
    .command('erase')
    .description("make a patient's identifying data unreadable for good (crypto-shredding; the log is not rewritten)")
    .argument('<patientId>', "the registry's patient id")
    .addOption(new Option('--mode <mode>', 'anonymous: kept in datasets under an anonymous id; exclude: left out of every dataset').choices(ERASURE_MODES as string[]).makeOptionMandatory())
    .requiredOption('--reason <text>', 'why (sealed with the patient key, so unreadable afterwards)')
    .action(async (patientId: string, options: { mode: ErasureMode; reason: string }, command: Command) => {
      const answer = await onTarget<Answer>(command, {
        local: async ({ commandBus, recordedBy }) => {
          const result: ErasureResult = await commandBus.execute(new EraseIdentityMessage(patientId, options.mode, options.reason, recordedBy));
          await result.readModelRebuilt;
          const { anonymousId, mode, position, eventIds } = result;
          return { anonymousId, mode, position, eventIds, keyShredded: true };
        },
        remote: (server) => server.post<Answer>(`/patients/${encodeURIComponent(patientId)}/erasure`, { mode: options.mode, reason: options.reason }),
      });
      process.stdout.write(`${JSON.stringify(answer)}\n`);
    });
}
