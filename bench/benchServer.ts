/**
 * The built server (dist/src/main.js) as a child process on a free loopback port, for the benchmarks
 * that measure it from outside: waits for /health, reads its resident memory, stops it. With node
 * flags such as --cpu-prof, the server is stopped by a signal it turns into a normal exit, so that
 * V8 writes the profile (a process killed by SIGTERM would not).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const MAIN = join(__dirname, '..', 'src', 'main.js');

export interface BenchServer {
  port: number;
  url: string;
  pid: number;
  rssMb: () => number;
  /** the most it has been resident so far (VmHWM) */
  peakRssMb: () => number;
  /** CPU seconds (user + system) the server has used so far */
  cpuSeconds: () => number;
  /** the same for its main thread alone (the event loop), without worker and libuv threads */
  mainThreadCpuSeconds: () => number;
  stop: () => Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** /proc stat fields 14 and 15 (utime, stime) in clock ticks; the name field may hold spaces, so count from its ')' */
function cpuSecondsOf(statFile: string): number {
  const fields = readFileSync(statFile, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** A memory field of /proc/<pid>/status (kB there) in MB. */
const statusMb = (pid: number, field: 'VmRSS' | 'VmHWM'): number =>
  Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);

export async function startBenchServer(env: Record<string, string>, nodeFlags: string[] = []): Promise<BenchServer> {
  const port = await freePort();
  const args = nodeFlags.length === 0 ? [MAIN] : [...nodeFlags, '-e', `process.on('SIGUSR2', () => process.exit(0)); require(${JSON.stringify(MAIN)});`];
  const child = spawn(process.execPath, args, { env: { ...process.env, PORT: String(port), ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 120_000; ; ) {
    if (child.exitCode !== null) throw new Error(`the server exited during start-up:\n${stderr}`);
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /health within 120 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    url,
    pid: child.pid!,
    rssMb: () => statusMb(child.pid!, 'VmRSS'),
    peakRssMb: () => statusMb(child.pid!, 'VmHWM'),
    cpuSeconds: () => cpuSecondsOf(`/proc/${child.pid}/stat`),
    // the main thread's task id is the process id
    mainThreadCpuSeconds: () => cpuSecondsOf(`/proc/${child.pid}/task/${child.pid}/stat`),
    stop: async () => {
      child.kill(nodeFlags.length === 0 ? 'SIGTERM' : 'SIGUSR2');
      await exited;
    },
  };
}
