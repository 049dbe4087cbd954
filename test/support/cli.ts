/** Runs the built CLI (dist/, made by `npm test` before jest) as a child process, as a user would. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

const CLI = join(__dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');

export function runCli(args: string[], env: Record<string, string>, input?: string): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env },
    input,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
