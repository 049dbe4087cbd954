/**
 * `user add <name> --role r1,r2 [--identified] [--password-stdin]`: adds a user on the local data
 * directory, acting as the operating-system user, or (`--server`, an admin's token) through POST /users;
 * the new API key is printed alone on the last line.
 */
import type { Command } from 'commander';
import { UsersService } from '../../auth/users.service';
import { ROLES, type Role } from '../../users/user.events';
import { onTarget } from '../cliTarget';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export function registerUserCommand(program: Command): void {
  const user = program.command('user').description('manage users (on the local data directory)');
  user
    .command('add')
    .argument('<name>', 'user name: a-z first, then a-z, 0-9, ., _ or -')
    .requiredOption('--role <roles>', `comma-separated roles: ${ROLES.join(', ')}`)
    .option('--identified', 'may see identified data (patient ids, full dates)', false)
    .option('--password-stdin', 'read a web-UI password (12+ characters) from standard input')
    .description('add a user; prints its API key alone on the last line')
    .action(async (name: string, options: { role: string; identified: boolean; passwordStdin?: boolean }, command: Command) => {
      const password = options.passwordStdin ? await readStdin() : undefined;
      if (password !== undefined && password.length < 12) throw new Error('the password must be at least 12 characters');
      const roles = options.role.split(',').map((r) => r.trim()) as Role[];
      const user = { userName: name, roles, identifiedAccess: options.identified };
      const { apiKey } = await onTarget<{ apiKey: string }>(command, {
        local: ({ app, recordedBy }) => app.get(UsersService).addUser(user, recordedBy, password),
        remote: (server) => server.post('/users', { ...user, ...(password === undefined ? {} : { password }) }),
      });
      process.stderr.write(`added user ${name} with roles ${roles.join(', ')}${options.identified ? ' and identified access' : ''}\n`);
      process.stdout.write(`${apiKey}\n`);
    });
}
