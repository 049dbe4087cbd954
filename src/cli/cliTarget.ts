/**
 * Where a CLI command runs, chosen in this one place: on the local data directory (the application
 * context booted here, acting as the operating-system user: whoever can read the files has the data
 * anyway) or, with `--server URL`, through that server's HTTP API as the user of a bearer token
 * (`--token` or COHORT_TOKEN), so that the server records who did it. Each command gives its local way
 * and, where the API has a twin, its remote way to the same answer; it prints the answer once, either way.
 * Refusals before any request (no token, a command without an HTTP twin) exit with code 2.
 */
import type { Command } from 'commander';
import { markServerGiven, withCliContext, type CliContext } from './cliContext';
import { CliRefusal } from './cliRefusal';
import { RemoteServer } from './remote/remoteServer';

export interface Ways<A> {
  local: (context: CliContext) => Promise<A>;
  /** absent: the HTTP API has no twin of this command */
  remote?: (server: RemoteServer) => Promise<A>;
}

interface TargetOptions {
  server?: string;
  token?: string;
}

/**
 * The root program's `--server` and `--token`, which every command inherits; with `--server`, a command
 * that reaches for the local context without going through onTarget is refused (withCliContext).
 */
export const targetOptions = (program: Command): Command =>
  program
    .hook('preAction', (_program, action) => {
      if (action.optsWithGlobals<TargetOptions>().server !== undefined) markServerGiven();
    })
    .option('--server <url>', 'run the command through this server\'s HTTP API (e.g. https://cohort.example.org) instead of on the local data directory')
    .option('--token <key>', 'the API key to use with --server (default: the COHORT_TOKEN environment variable, which other users cannot see in the process list)');

/** The server of `--server`, or null to work locally; refuses what cannot go on. */
export function remoteTarget(command: Command, hasTwin: boolean): RemoteServer | null {
  const { server, token } = command.optsWithGlobals<TargetOptions>();
  if (server === undefined) {
    if (token !== undefined) throw new CliRefusal('--token goes with --server: on the local data directory the CLI acts as the operating-system user');
    return null;
  }
  if (!hasTwin) throw new CliRefusal(`\`${command.name()}\` works on the local data directory only (the HTTP API has no twin of it): run it without --server, on the server's machine`);
  const key = token ?? process.env.COHORT_TOKEN;
  if (!key) throw new CliRefusal(`--server needs an API key: pass --token <key> or set COHORT_TOKEN (nothing was sent to ${server})`);
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new CliRefusal(`--server must be a URL such as https://cohort.example.org, not ${JSON.stringify(server)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new CliRefusal(`--server must be an http or https URL, not ${url.protocol}`);
  const remote = new RemoteServer(url, key);
  if (remote.insecure) process.stderr.write(`warning: ${url.origin} is plain HTTP: the API key and the data cross the network unencrypted\n`);
  return remote;
}

/** Runs the command's local or remote way, as `--server` says. */
export async function onTarget<A>(command: Command, ways: Ways<A>): Promise<A> {
  const server = remoteTarget(command, ways.remote !== undefined);
  return server === null ? withCliContext(ways.local) : ways.remote!(server);
}

