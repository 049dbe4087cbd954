/**
 * HTTP command throughput: the real server (dist/, embedded SQLite store with synchronous=FULL, AUTH
 * disabled) as a child process on 127.0.0.1. Patients are enrolled first; then clients record contacts
 * (one event each) at concurrency 1, 8 and 32 for a bounded time, each client on patients of its own so
 * that no command meets a stale revision (409). Prints, per concurrency: events/s, p50/p99 latency and
 * the number of non-2xx answers, and the CPU time per request of the server (all of it, and its main
 * thread's alone) and of this client (they share the machine's 2 cores), with the 1-minute load average. The client is node:http with a keep-alive Agent by default, which
 * spends less CPU per request than the global fetch (undici; `--client fetch` to compare).
 *
 *   npm run build && node dist/bench/httpCommands.bench.js [secondsPerLevel=10] [patients=2000] [--levels 1,8,32] [--client http|fetch] [--cpu-prof <dir>]
 * With --cpu-prof the server writes a V8 CPU profile into <dir> when it exits (open it in Chrome DevTools).
 */
import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBenchServer, type BenchServer } from './benchServer';

const DAY_MS = 86_400_000;
const report = (values: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ bench: 'http commands', ...values })}\n`);
const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);

type Post = (agent: Agent, port: number, path: string, body: object) => Promise<number>;

/** POST a JSON body; resolves with the status once the whole answer has been read. */
const httpPost: Post = (agent, port, path, body) => {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
};

/** The same with the global fetch (undici keeps connections alive by itself). */
const fetchPost: Post = async (_agent, port, path, body) => {
  const answer = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await answer.arrayBuffer();
  return answer.status;
};

let post: Post = httpPost;

const patientId = (i: number) => `H-${String(i).padStart(6, '0')}`;

async function enrol(agent: Agent, port: number, patients: number): Promise<number> {
  let next = 0;
  let errors = 0;
  const worker = async () => {
    for (let i = next++; i < patients; i = next++) {
      const status = await post(agent, port, '/patients', { patientId: patientId(i), sex: i % 2 ? 'female' : 'male', birthDate: '1900-01-01', researchAuthorization: 'granted', treatmentHistory: 'documented' });
      if (status !== 201) errors++;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return errors;
}

/** `concurrency` clients for `seconds`; client c records contacts on patients c, c + concurrency, ... in turn. */
async function drive(agent: Agent, port: number, concurrency: number, seconds: number, patients: number, contactsSoFar: number[]) {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const client = async (c: number) => {
    for (let turn = 0; performance.now() < end; turn++) {
      const p = (c + turn * concurrency) % patients;
      const seenOn = new Date(Date.UTC(1901, 0, 1) + contactsSoFar[p]++ * DAY_MS).toISOString().slice(0, 10);
      const started = performance.now();
      const status = await post(agent, port, `/patients/${patientId(p)}/contacts`, { seenOn });
      latencies.push(performance.now() - started);
      if (status !== 201) errors++;
    }
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: Math.min(concurrency, patients) }, (_, c) => client(c)));
  const elapsed = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  const events = latencies.length - errors;
  return { concurrency, seconds: +elapsed.toFixed(2), requests: latencies.length, events, eventsPerSecond: Math.round(events / elapsed), p50Ms: +percentile(latencies, 50).toFixed(2), p99Ms: +percentile(latencies, 99).toFixed(2), errors, clientCpuMsPerRequest: +((user + system) / 1000 / Math.max(1, latencies.length)).toFixed(3) };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const profileAt = args.indexOf('--cpu-prof');
  const profileDir = profileAt >= 0 ? args.splice(profileAt, 2)[1] : undefined;
  const levelsAt = args.indexOf('--levels');
  const LEVELS = levelsAt >= 0 ? args.splice(levelsAt, 2)[1].split(',').map(Number) : [1, 8, 32];
  const clientAt = args.indexOf('--client');
  const clientKind = clientAt >= 0 ? args.splice(clientAt, 2)[1] : 'http';
  if (clientKind === 'fetch') post = fetchPost;
  const seconds = Number(args[0] ?? 10);
  const patients = Number(args[1] ?? 2000);
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-bench-http-'));
  let server: BenchServer | undefined;
  try {
    server = await startBenchServer({ DATA_DIR: dataDir, AUTH: 'disabled', EVENT_STORE: 'sqlite' }, profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
    const agent = new Agent({ keepAlive: true, maxSockets: Math.max(...LEVELS) });
    let started = performance.now();
    const enrolErrors = await enrol(agent, server.port, patients);
    report({ measure: 'enrol', patients, seconds: +((performance.now() - started) / 1000).toFixed(2), errors: enrolErrors });
    const contactsSoFar = new Array<number>(patients).fill(0);
    for (const concurrency of LEVELS) {
      const cpuBefore = server.cpuSeconds();
      const mainBefore = server.mainThreadCpuSeconds();
      const level = await drive(agent, server.port, concurrency, seconds, patients, contactsSoFar);
      // CPU per request says what the server costs, whatever else the machine is running meanwhile; the
      // main thread's share bounds the rate, since one event loop serves every request (1000 / it = requests/s)
      const perRequest = (cpuSeconds: number) => +((cpuSeconds * 1000) / Math.max(1, level.requests)).toFixed(3);
      const serverCpuMsPerRequest = perRequest(server.cpuSeconds() - cpuBefore);
      const serverMainThreadCpuMsPerRequest = perRequest(server.mainThreadCpuSeconds() - mainBefore);
      report({ measure: 'record contacts', client: clientKind, ...level, serverCpuMsPerRequest, serverMainThreadCpuMsPerRequest, serverRssMb: server.rssMb(), loadAverage: loadavg()[0].toFixed(2) });
    }
    agent.destroy();
  } finally {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (profileDir) report({ measure: 'cpu profile', dir: profileDir });
}

void main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 1;
});
