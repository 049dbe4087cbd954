/**
 * Soak: the real server (dist/) for a bounded time, memory and latency sampled every 10 s, in two
 * phases, because the read models keep every patient's record in memory by design: under writes memory
 * MUST grow with the data, so "no growth trend" can only be asked of a load that does not add data.
 *
 *  A. steady state: a seeded cohort (a generated bundle imported through the CLI before the server
 *     starts), then 8 clients reading and writing without adding patient data: latest and historical
 *     datasets (knownAt / atPosition / asOf at random), Kaplan-Meier and log-rank, patient views and
 *     histories, the patient list, commands replayed with the same Idempotency-Key (append nothing) and
 *     refused commands (400/404/409/422, nothing written). The only growth of the log is the access
 *     log (one DataAccessed event per dataset/analysis read, by design; no read model holds them).
 *     Verdict: least-squares slope of RSS and of the heap after a full GC (MB/min) and of p99 (ms/min)
 *     after the warm-up, and the last third's mean against the first third's (TOLERANCE).
 *  B. writes: new patients + contacts. Verdict: memory per 1,000 events written (least-squares slope of
 *     memory against the log head) in the first and the second half: a constant cost is data, a
 *     rising one is a leak; and p99 over time.
 *
 * The heap is read inside the server: it runs under `node --expose-gc` with a wrapper (this file,
 * SERVER_WRAPPER) that answers an IPC message with process.memoryUsage() after global.gc(); the app
 * itself is unchanged. The forced GC (tens of ms) is inside the sampled latencies, once per 10 s.
 * Only loopback traffic; stops by itself. Prints one JSON line per verdict and one per phase's samples
 * (run.ts stores them in bench/results/<date>-soak.json).
 *
 * Run: npm run bench -- --soak [--minutes 10]
 *   or node dist/bench/soak.bench.js [minutes=10] [--patients 2000] [--steady-share 0.5]
 */
import { mulberry32 } from '../src/synthetic/mulberry32';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './benchServer';

const CLIENTS = 8;
const SAMPLE_MS = 10_000;
/** samples of a phase left out of its verdict: the first one holds start-up, JIT and cache warm-up */
const WARMUP_SAMPLES = 1;
const MAIN = join(__dirname, '..', 'src', 'main.js');
const CLI = join(__dirname, '..', 'src', 'cli', 'main.js');

/** What counts as "no growth" (phase A) and "constant cost per event" (phase B). */
export const TOLERANCE = {
  /** least-squares slope of memory (RSS and heap after GC) over phase A, MB/min */
  memorySlopeMbPerMinute: 1,
  /** last third's mean memory / first third's, phase A */
  memoryThirdsRatio: 1.05,
  /** last third's mean p99 / first third's, phase A (the machine is shared, so p99 is noisy) */
  p99ThirdsRatio: 1.25,
  /** phase B: the second half's MB per 1,000 events may exceed the first half's by this factor ... */
  costPerEventRatio: 1.5,
  /** ... plus this much (MB per 1,000 events), for noise when both are close to 0 */
  costPerEventSlackMb: 0.05,
};

const SERVER_WRAPPER = `
process.on('message', (m) => {
  if (m !== 'memory') return;
  global.gc();
  const u = process.memoryUsage();
  process.send({ rss: u.rss, heapUsed: u.heapUsed, external: u.external });
});
process.channel.unref();
require(${JSON.stringify(MAIN)});`;

export interface Sample {
  phase: 'steady' | 'writes';
  /** seconds since the phase started */
  t: number;
  rssMb: number;
  heapMb: number;
  externalMb: number;
  /** events in the log since the phase started */
  events: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  /** answers by status in this interval, e.g. { "200": 812, "409": 40 } */
  statuses: Record<string, number>;
  /** the machine's 1-minute load average: other jobs on the same cores show in the latencies */
  load1: number;
}

const report = (values: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ bench: 'soak', ...values })}\n`);
const round = (n: number, digits = 2) => +n.toFixed(digits);
const mb = (bytes: number) => bytes / 1024 / 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (sorted: number[], q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / Math.max(1, xs.length);

/** Least-squares slope of ys on xs. */
export function slope(xs: number[], ys: number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / sxx;
}

/** Means of the first and the last third (at least one value each). */
function thirds(ys: number[]): { first: number; last: number } {
  const k = Math.max(1, Math.floor(ys.length / 3));
  return { first: mean(ys.slice(0, k)), last: mean(ys.slice(-k)) };
}


interface Server {
  url: string;
  memory: () => Promise<{ rssMb: number; heapMb: number; externalMb: number }>;
  head: () => Promise<number>;
  stop: () => Promise<void>;
}

async function startServer(dataDir: string): Promise<Server> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--expose-gc', '-e', SERVER_WRAPPER], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, AUTH: 'disabled', EVENT_STORE: 'sqlite' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 120_000; ; await sleep(100)) {
    if (child.exitCode !== null) throw new Error(`the server exited during start-up:\n${stderr}`);
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /health within 120 s:\n${stderr}`);
    }
  }
  return {
    url,
    memory: () =>
      new Promise((resolve) => {
        child.once('message', (m: { rss: number; heapUsed: number; external: number }) => resolve({ rssMb: mb(m.rss), heapMb: mb(m.heapUsed), externalMb: mb(m.external) }));
        child.send('memory');
      }),
    head: async () => ((await (await fetch(`${url}/health`)).json()) as { headPosition: number }).headPosition,
    stop: async () => {
      child.disconnect();
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** An answer whose body was read while the request was timed. */
interface Answer {
  status: number;
  headers: Headers;
  json: () => unknown;
}

/** The request log of the phase running: latencies and statuses since the last sample. */
class Recorder {
  latencies: number[] = [];
  statuses: Record<string, number> = {};
  /** anomalies: a replay that was not answered as one, an unexpected 5xx or 2xx, ... */
  readonly anomalies: Record<string, number> = {};
  loggedReads = 0;

  constructor(private readonly url: string) {}

  async call(path: string, init: { method?: string; body?: object; headers?: Record<string, string> } = {}): Promise<Answer> {
    const started = performance.now();
    const answer = await fetch(`${this.url}${path}`, {
      method: init.method ?? (init.body ? 'POST' : 'GET'),
      headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    const text = await answer.text();
    this.latencies.push(performance.now() - started);
    this.statuses[answer.status] = (this.statuses[answer.status] ?? 0) + 1;
    if (answer.status >= 500) this.anomaly(`${answer.status} on ${path.split('?')[0]}`);
    if (path.startsWith('/datasets') || path.startsWith('/analyses')) this.loggedReads++;
    return { status: answer.status, headers: answer.headers, json: () => JSON.parse(text) as unknown };
  }

  anomaly(what: string): void {
    this.anomalies[what] = (this.anomalies[what] ?? 0) + 1;
  }

  take(): { latencies: number[]; statuses: Record<string, number> } {
    const taken = { latencies: this.latencies, statuses: this.statuses };
    this.latencies = [];
    this.statuses = {};
    return taken;
  }
}

/** Samples memory and latency every SAMPLE_MS until `done` settles. */
async function sampled(phase: Sample['phase'], server: Server, recorder: Recorder, done: Promise<unknown>): Promise<Sample[]> {
  const samples: Sample[] = [];
  const head0 = await server.head();
  // what the previous phase answered after its last sample is not this phase's
  recorder.take();
  const started = Date.now();
  let finished = false;
  void done.then(() => (finished = true));
  while (!finished) {
    const next = started + (samples.length + 1) * SAMPLE_MS;
    while (!finished && Date.now() < next) await sleep(Math.min(250, next - Date.now()));
    if (finished) break;
    const { latencies, statuses } = recorder.take();
    const memory = await server.memory();
    const sorted = latencies.sort((a, b) => a - b);
    const s: Sample = { phase, t: round((Date.now() - started) / 1000, 1), ...memory, events: (await server.head()) - head0, requests: sorted.length, p50Ms: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99), statuses, load1: round(loadavg()[0]) };
    samples.push(s);
    process.stdout.write(
      `[${phase}] t=${s.t.toFixed(0)}s rss=${s.rssMb.toFixed(1)} MB heap=${s.heapMb.toFixed(1)} MB events=${s.events} requests=${s.requests} p50=${s.p50Ms.toFixed(1)} ms p99=${s.p99Ms.toFixed(1)} ms load=${s.load1} ${JSON.stringify(statuses)}\n`,
    );
  }
  await done;
  return samples;
}

const compact = (samples: Sample[]) =>
  samples.map((s) => ({ t: s.t, rssMb: round(s.rssMb, 1), heapMb: round(s.heapMb, 1), externalMb: round(s.externalMb, 1), events: s.events, requests: s.requests, p50Ms: round(s.p50Ms, 1), p99Ms: round(s.p99Ms, 1), statuses: s.statuses, load1: s.load1 }));

/** Seeds the data directory: a generated bundle of `patients` imported through the CLI (no server yet). */
function seed(dataDir: string, patients: number): void {
  const bundle = join(dataDir, '..', `${dataDir.split('/').pop()}-bundle`);
  const env = { ...process.env, DATA_DIR: dataDir, AUTH: 'disabled', EVENT_STORE: 'sqlite' };
  for (const args of [['generate', '--patients', String(patients), '--seed', '11', '--out', bundle], ['import', bundle]]) {
    const run = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (run.status !== 0) throw new Error(`cli ${args[0]} failed:\n${run.stdout}\n${run.stderr}`);
  }
  rmSync(bundle, { recursive: true, force: true });
}

const STEADY = (k: number) => `SOAK-STEADY-${k}`;
const STEADY_PATIENTS = 32;
const contactBody = (seenOn: string) => ({ seenOn });

/** Phase A's mix: reads of every kind and commands that append nothing. Weighted, drawn at random. */
async function steadyPhase(recorder: Recorder, minutes: number, cohort: { ids: string[]; datasets: string[]; head: number; seededFrom: number; seededTo: number }): Promise<void> {
  // The replayed commands happen once here, before the phase: each steady patient gets one contact
  // under a fixed Idempotency-Key, which the phase then sends again and again.
  for (let k = 0; k < STEADY_PATIENTS; k++) {
    await recorder.call('/patients', { body: { patientId: STEADY(k), sex: k % 2 ? 'female' : 'male', birthDate: '1900-01-01', researchAuthorization: 'granted', treatmentHistory: 'documented' } });
    const primed = await recorder.call(`/patients/${STEADY(k)}/contacts`, { body: contactBody('1950-06-01'), headers: { 'Idempotency-Key': `soak-replay-${k}` } });
    if (primed.status !== 201) throw new Error(`priming the replay of ${STEADY(k)} answered ${primed.status}`);
  }
  recorder.take();
  const end = Date.now() + minutes * 60_000;
  const cut = (rnd: () => number): string => {
    const kind = Math.floor(rnd() * 4);
    if (kind === 0) return '';
    if (kind === 1) return `knownAt=${new Date(cohort.seededFrom + rnd() * (Date.now() - cohort.seededFrom)).toISOString()}`;
    if (kind === 2) return `atPosition=${1 + Math.floor(rnd() * cohort.head)}`;
    return `asOf=${new Date(Date.UTC(1985, 0, 1) + Math.floor(rnd() * 30 * 365) * 86_400_000).toISOString().slice(0, 10)}`;
  };
  const pick = <T>(rnd: () => number, xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const steadyId = (rnd: () => number) => STEADY(Math.floor(rnd() * STEADY_PATIENTS));
  const ops: [number, (rnd: () => number) => Promise<unknown>][] = [
    [3, (rnd) => recorder.call(`/datasets/${pick(rnd, cohort.datasets)}?${cut(rnd)}`)],
    [2, (rnd) => recorder.call(`/analyses/kaplan-meier?${[cut(rnd), rnd() < 0.5 ? 'groupBy=sex' : ''].filter(Boolean).join('&')}`)],
    [1, (rnd) => recorder.call(`/analyses/log-rank?groupBy=${pick(rnd, ['sex', 'actd_group', 'treatment_history'])}&${cut(rnd)}`)],
    [3, (rnd) => recorder.call(`/patients/${pick(rnd, cohort.ids)}`)],
    [2, (rnd) => recorder.call(`/patients/${pick(rnd, cohort.ids)}/history`)],
    [2, (rnd) => recorder.call(`/patients?offset=${Math.floor(rnd() * cohort.ids.length)}&limit=50`)],
    [
      4,
      async (rnd) => {
        const k = Math.floor(rnd() * STEADY_PATIENTS);
        const answer = await recorder.call(`/patients/${STEADY(k)}/contacts`, { body: contactBody('1950-06-01'), headers: { 'Idempotency-Key': `soak-replay-${k}` } });
        if (answer.status !== 201 || answer.headers.get('idempotent-replayed') !== 'true') recorder.anomaly(`replay answered ${answer.status} without Idempotent-Replayed`);
      },
    ],
    [
      4,
      async (rnd) => {
        const refusals: [() => Promise<Answer>, number][] = [
          [() => recorder.call(`/patients/${steadyId(rnd)}/contacts`, { body: contactBody('1950-02-30') }), 400],
          [() => recorder.call(`/patients/${steadyId(rnd)}/contacts`, { body: contactBody('1950-06-01') }), 409],
          [() => recorder.call(`/patients/${steadyId(rnd)}/contacts`, { body: contactBody('1960-01-01'), headers: { 'If-Match': '"0"' } }), 409],
          [() => recorder.call(`/patients/${steadyId(rnd)}/contacts`, { body: contactBody('1850-01-01') }), 422],
          [() => recorder.call('/patients', { body: { patientId: steadyId(rnd), sex: 'male', birthDate: '1900-01-01', researchAuthorization: 'granted', treatmentHistory: 'documented' } }), 409],
          // a new unknown id each time: nothing may be remembered about ids that do not exist
          [() => recorder.call(`/patients/SOAK-NONE-${Math.floor(rnd() * 1e12)}/contacts`, { body: contactBody('1960-01-01') }), 404],
        ];
        const [send, expected] = pick(rnd, refusals);
        const answer = await send();
        if (answer.status !== expected && (answer.status < 400 || answer.status >= 500)) recorder.anomaly(`a refusal answered ${answer.status} (expected ${expected})`);
      },
    ],
  ];
  const total = ops.reduce((a, [w]) => a + w, 0);
  const client = async (c: number) => {
    const rnd = mulberry32(1000 + c);
    while (Date.now() < end) {
      let r = rnd() * total;
      const op = ops.find(([w]) => (r -= w) < 0)![1];
      await op(rnd);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
}

/** Phase B: registry-shaped writes, a new patient every 30 contacts, as real records hold tens of events. */
async function writePhase(recorder: Recorder, minutes: number): Promise<void> {
  const end = Date.now() + minutes * 60_000;
  const client = async (c: number) => {
    for (let day = 0; Date.now() < end; day++) {
      const patientId = `SOAK-${c}-${Math.floor(day / 30)}`;
      if (day % 30 === 0) await recorder.call('/patients', { body: { patientId, sex: 'male', birthDate: '1900-01-01', researchAuthorization: 'granted', treatmentHistory: 'documented' } });
      const seenOn = new Date(Date.UTC(1901, 0, 1) + (day % 30) * 86_400_000).toISOString().slice(0, 10);
      const answer = await recorder.call(`/patients/${patientId}/contacts`, { body: { seenOn } });
      if (answer.status !== 201) recorder.anomaly(`a contact answered ${answer.status}`);
      if (day % 50 === 0) await recorder.call('/patients?limit=20');
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
}

/** Phase A's verdict: no growth of memory or p99 over the phase after the warm-up. */
export function steadyVerdict(samples: Sample[]) {
  const kept = samples.slice(WARMUP_SAMPLES);
  const minutes = kept.map((s) => s.t / 60);
  const half = Math.floor(kept.length / 2);
  // a warm-up (JIT, caches filling to their bound) flattens out, so its second-half slope is smaller; a leak keeps its slope
  const trend = (ys: number[]) => ({
    slopePerMinute: round(slope(minutes, ys), 3),
    secondHalfSlopePerMinute: round(slope(minutes.slice(half), ys.slice(half)), 3),
    firstThird: round(thirds(ys).first, 1),
    lastThird: round(thirds(ys).last, 1),
    ratio: round(thirds(ys).last / thirds(ys).first, 3),
  });
  const rss = trend(kept.map((s) => s.rssMb));
  const heap = trend(kept.map((s) => s.heapMb));
  const p99 = trend(kept.map((s) => s.p99Ms));
  const p50 = trend(kept.map((s) => s.p50Ms));
  const memoryFlat = (m: typeof rss) => m.slopePerMinute < TOLERANCE.memorySlopeMbPerMinute && m.ratio <= TOLERANCE.memoryThirdsRatio;
  const verdict = {
    rssFlat: memoryFlat(rss),
    heapFlat: memoryFlat(heap),
    p99Flat: p99.ratio <= TOLERANCE.p99ThirdsRatio,
  };
  return { samplesUsed: kept.length, meanLoad1: round(mean(kept.map((s) => s.load1))), rss, heap, p50, p99, ...verdict, noGrowth: verdict.rssFlat && verdict.heapFlat && verdict.p99Flat };
}

/** Phase B's verdict: memory per 1,000 events written in each half, and p99 over time. */
export function writesVerdict(samples: Sample[]) {
  const kept = samples.slice(WARMUP_SAMPLES);
  const half = Math.floor(kept.length / 2);
  // the halves share their middle sample, so each slope spans its whole half
  const halves = [kept.slice(0, half + 1), kept.slice(half)];
  const cost = (part: Sample[], of: (s: Sample) => number) => round(slope(part.map((s) => s.events / 1000), part.map(of)), 3);
  const rssPer1000 = halves.map((h) => cost(h, (s) => s.rssMb));
  const heapPer1000 = halves.map((h) => cost(h, (s) => s.heapMb));
  const constant = ([first, second]: number[]) => second <= Math.max(first, 0) * TOLERANCE.costPerEventRatio + TOLERANCE.costPerEventSlackMb;
  const p99 = kept.map((s) => s.p99Ms);
  return {
    samplesUsed: kept.length,
    meanLoad1: round(mean(kept.map((s) => s.load1))),
    eventsPerHalf: halves.map((h) => h.at(-1)!.events - h[0].events),
    rssMbPer1000Events: { firstHalf: rssPer1000[0], secondHalf: rssPer1000[1] },
    heapMbPer1000Events: { firstHalf: heapPer1000[0], secondHalf: heapPer1000[1] },
    p99: { slopePerMinute: round(slope(kept.map((s) => s.t / 60), p99), 3), firstThird: round(thirds(p99).first, 1), lastThird: round(thirds(p99).last, 1) },
    p50: { firstThird: round(thirds(kept.map((s) => s.p50Ms)).first, 1), lastThird: round(thirds(kept.map((s) => s.p50Ms)).last, 1) },
    heapCostConstant: constant(heapPer1000),
    rssCostConstant: constant(rssPer1000),
  };
}

export async function soak(minutes: number, patients: number, steadyShare: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-soak-'));
  let server: Server | undefined;
  try {
    const seededFrom = Date.now();
    seed(dataDir, patients);
    const seededTo = Date.now();
    server = await startServer(dataDir);
    const recorder = new Recorder(server.url);
    const ids: string[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = (await recorder.call(`/patients?offset=${offset}&limit=500`)).json() as { total: number; items: { patientId: string }[] };
      ids.push(...page.items.map((p) => p.patientId));
      if (ids.length >= page.total || page.items.length === 0) break;
    }
    const datasets = ((await recorder.call('/datasets')).json() as { name: string }[]).map((d) => d.name);
    const head = await server.head();
    report({ measure: 'seed', patients: ids.length, events: head, seconds: round((seededTo - seededFrom) / 1000, 1), datasets: datasets.length });
    recorder.take();

    const steadyMinutes = minutes * steadyShare;
    process.stdout.write(`phase A (steady state, fixed data): ${steadyMinutes} min, ${CLIENTS} clients\n`);
    const loggedBefore = recorder.loggedReads;
    const headA = await server.head();
    const steadySamples = await sampled('steady', server, recorder, steadyPhase(recorder, steadyMinutes, { ids, datasets, head, seededFrom, seededTo }));
    const appendedA = (await server.head()) - headA;
    const loggedReads = recorder.loggedReads - loggedBefore;
    const steady = steadyVerdict(steadySamples);
    report({
      measure: 'soak steady state (fixed data)',
      minutes: steadyMinutes,
      ...steady,
      // every dataset/analysis read appends one access-log event; the priming appends 2 per steady patient
      eventsAppended: appendedA,
      accessLogEvents: loggedReads,
      patientEventsAppended: appendedA - loggedReads - 2 * STEADY_PATIENTS,
      anomalies: { ...recorder.anomalies },
      tolerance: { memorySlopeMbPerMinute: TOLERANCE.memorySlopeMbPerMinute, memoryThirdsRatio: TOLERANCE.memoryThirdsRatio, p99ThirdsRatio: TOLERANCE.p99ThirdsRatio },
    });
    report({ measure: 'soak steady-state samples', samples: compact(steadySamples) });

    for (const key of Object.keys(recorder.anomalies)) delete recorder.anomalies[key];
    const writeMinutes = minutes - steadyMinutes;
    process.stdout.write(`phase B (writes: new patients and contacts): ${writeMinutes} min, ${CLIENTS} clients\n`);
    const writeSamples = await sampled('writes', server, recorder, writePhase(recorder, writeMinutes));
    const writes = writesVerdict(writeSamples);
    report({
      measure: 'soak writes (data grows)',
      minutes: writeMinutes,
      events: writeSamples.at(-1)?.events ?? 0,
      ...writes,
      anomalies: { ...recorder.anomalies },
      tolerance: { costPerEventRatio: TOLERANCE.costPerEventRatio, costPerEventSlackMb: TOLERANCE.costPerEventSlackMb },
    });
    report({ measure: 'soak writes samples', samples: compact(writeSamples) });

    // fewer than 12 samples (2 minutes) is too short for a slope to mean anything
    const line = (ok: boolean, samples = Math.min(steady.samplesUsed, writes.samplesUsed)) => `${ok ? 'PASS' : 'FAIL'}${samples < 12 ? ' (too few samples for a verdict: give each phase 2 minutes or more)' : ''}`;
    process.stdout.write(
      [
        '',
        `phase A verdict (no growth on fixed data): ${line(steady.noGrowth)} (machine load ${steady.meanLoad1} on ${cpus().length} cores)`,
        `  RSS  ${steady.rss.slopePerMinute} MB/min, thirds ${steady.rss.firstThird} -> ${steady.rss.lastThird} MB (tolerance < ${TOLERANCE.memorySlopeMbPerMinute} MB/min and <= x${TOLERANCE.memoryThirdsRatio}): ${line(steady.rssFlat)}`,
        `  heap ${steady.heap.slopePerMinute} MB/min (second half ${steady.heap.secondHalfSlopePerMinute}), thirds ${steady.heap.firstThird} -> ${steady.heap.lastThird} MB (after a full GC): ${line(steady.heapFlat)}`,
        `  p99  ${steady.p99.slopePerMinute} ms/min, thirds ${steady.p99.firstThird} -> ${steady.p99.lastThird} ms (tolerance <= x${TOLERANCE.p99ThirdsRatio}); p50 ${steady.p50.firstThird} -> ${steady.p50.lastThird} ms: ${line(steady.p99Flat)}`,
        `  ${appendedA} events appended: ${loggedReads} access-log entries, ${2 * STEADY_PATIENTS} priming, ${appendedA - loggedReads - 2 * STEADY_PATIENTS} other`,
        `phase B verdict (cost per event constant): ${line(writes.heapCostConstant)} (machine load ${writes.meanLoad1})`,
        `  heap ${writes.heapMbPer1000Events.firstHalf} -> ${writes.heapMbPer1000Events.secondHalf} MB per 1,000 events; RSS ${writes.rssMbPer1000Events.firstHalf} -> ${writes.rssMbPer1000Events.secondHalf}; events per half ${writes.eventsPerHalf.join(', ')}`,
        `  p99 ${writes.p99.firstThird} -> ${writes.p99.lastThird} ms (${writes.p99.slopePerMinute} ms/min); p50 ${writes.p50.firstThird} -> ${writes.p50.lastThird} ms`,
        '',
      ].join('\n'),
    );
  } finally {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: number) => (args.includes(name) ? Number(args.splice(args.indexOf(name), 2)[1]) : fallback);
  const patients = option('--patients', 2000);
  const steadyShare = option('--steady-share', 0.5);
  void soak(Number(args[0] ?? 10), patients, steadyShare).catch((error) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exitCode = 1;
  });
}
