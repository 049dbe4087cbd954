/**
 * Soak: the real server (dist/) on a fresh embedded store under a steady write and read load for a
 * bounded time, sampling the server's resident memory and the request latency every 10 s. Prints each
 * sample and the memory trend (least-squares slope, MB per minute): a server that leaks shows a
 * positive trend that does not level off. Only loopback traffic; stops by itself.
 * Run: npm run bench -- --soak [--minutes 10]   or   node dist/bench/soak.bench.js <minutes>
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLIENTS = 8;
const SAMPLE_MS = 10_000;

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const quantile = (sorted: number[], q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);

export async function soak(minutes: number): Promise<{ samples: { t: number; rssMb: number; requests: number; p50: number; p99: number }[]; slopeMbPerMinute: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-soak-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = spawn(process.execPath, [join(__dirname, '..', 'src', 'main.js')], { env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, AUTH: 'disabled' }, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const end = Date.now() + minutes * 60_000;
  let latencies: number[] = [];
  const timed = async (path: string, body?: object) => {
    const started = performance.now();
    const answer = await fetch(`${url}${path}`, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {});
    await answer.arrayBuffer();
    latencies.push(performance.now() - started);
  };
  // Registry-shaped streams: a new patient every 30 contacts, as real records hold tens of events.
  const client = async (c: number) => {
    for (let day = 0; Date.now() < end; day++) {
      const patientId = `SOAK-${c}-${Math.floor(day / 30)}`;
      if (day % 30 === 0) await timed('/patients', { patientId, sex: 'male', birthDate: '1900-01-01', researchAuthorization: 'granted', treatmentHistory: 'documented' });
      const seenOn = new Date(Date.UTC(1901, 0, 1) + (day % 30) * 86_400_000).toISOString().slice(0, 10);
      await timed(`/patients/${patientId}/contacts`, { seenOn });
      if (day % 50 === 0) await timed('/patients?limit=20');
    }
  };
  const samples: { t: number; rssMb: number; requests: number; p50: number; p99: number }[] = [];
  const started = Date.now();
  const sampler = setInterval(() => {
    const sorted = [...latencies].sort((a, b) => a - b);
    samples.push({ t: (Date.now() - started) / 1000, rssMb: rssMb(server.pid!), requests: sorted.length, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) });
    const s = samples.at(-1)!;
    process.stdout.write(`t=${s.t.toFixed(0)}s rss=${s.rssMb.toFixed(1)} MB requests=${s.requests} p50=${s.p50.toFixed(1)} ms p99=${s.p99.toFixed(1)} ms\n`);
    latencies = [];
  }, SAMPLE_MS);
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  clearInterval(sampler);
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
  // Least-squares slope of RSS over the second half, after the read models and caches have warmed up.
  const tail = samples.slice(Math.floor(samples.length / 2));
  const mx = tail.reduce((a, s) => a + s.t, 0) / tail.length;
  const my = tail.reduce((a, s) => a + s.rssMb, 0) / tail.length;
  const slope = tail.reduce((a, s) => a + (s.t - mx) * (s.rssMb - my), 0) / Math.max(1e-9, tail.reduce((a, s) => a + (s.t - mx) ** 2, 0));
  return { samples, slopeMbPerMinute: slope * 60 };
}

if (require.main === module) {
  void soak(Number(process.argv[2] ?? 10)).then((r) => process.stdout.write(`memory trend over the second half: ${r.slopeMbPerMinute.toFixed(2)} MB/min\n`));
}
