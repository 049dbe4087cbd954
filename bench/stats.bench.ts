/**
 * Kaplan-Meier and the two-group log-rank test on 1,000,000 simulated subjects, timed here and (with
 * --with-r) in R's survival on the very same data, side by side, with the ratio. Prints one JSON line
 * per measurement (median of `repeats` runs after one warm-up).
 *
 * Data (identical in stats.bench.R, which can also generate it itself): Park-Miller's minimal standard
 * generator x <- 48271 x mod (2^31 - 1) from the seed, three draws per subject: time = 1 + x1 mod 3650
 * (whole days, many ties) or x1 / (2^31 - 1) * 3650 (continuous, all distinct), status = (x2 mod 10) < 7,
 * group = x3 mod 2. Exact integer arithmetic in doubles, so both languages draw the same numbers.
 *
 *   npx tsc bench/stats.bench.ts --outDir /tmp/stats-bench --module commonjs --target es2022 \
 *     --types node --skipLibCheck && node /tmp/stats-bench/bench/stats.bench.js [n] [--with-r]
 *   (or, once the project builds: npm run build && node dist/bench/stats.bench.js [n] [--with-r])
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { kaplanMeier } from '../src/stats/survival/kaplanMeier.estimator';
import { logRankTest } from '../src/stats/survival/logRank.survdiff';

export type TimeScale = 'days' | 'continuous';

export interface BenchData {
  time: Float64Array;
  status: Uint8Array;
  group: number[];
}

const MODULUS = 2147483647;

/** The shared simulated cohort (see the header). O(n). */
export function simulateCohort(n: number, scale: TimeScale, seed = 20120401): BenchData {
  let x = seed % MODULUS;
  const next = () => (x = (48271 * x) % MODULUS);
  const time = new Float64Array(n);
  const status = new Uint8Array(n);
  const group = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const x1 = next();
    time[i] = scale === 'days' ? 1 + (x1 % 3650) : (x1 / MODULUS) * 3650;
    status[i] = next() % 10 < 7 ? 1 : 0;
    group[i] = next() % 2;
  }
  return { time, status, group };
}

function medianMs(repeats: number, run: () => unknown): number {
  run(); // warm-up (JIT)
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(repeats / 2)];
}

export interface StatsBenchResult {
  language: 'typescript' | 'R';
  analysis: 'kaplan-meier' | 'log-rank';
  scale: TimeScale;
  n: number;
  ms: number;
}

/** Times kaplanMeier and logRankTest (2 groups) on n simulated subjects, for both time scales. */
export function runStatsBench(n = 1_000_000, repeats = 5): StatsBenchResult[] {
  const results: StatsBenchResult[] = [];
  for (const scale of ['days', 'continuous'] as TimeScale[]) {
    const data = simulateCohort(n, scale);
    const km = medianMs(repeats, () => kaplanMeier({ time: data.time, status: data.status }));
    results.push({ language: 'typescript', analysis: 'kaplan-meier', scale, n, ms: +km.toFixed(1) });
    const lr = medianMs(repeats, () => logRankTest({ time: data.time, status: data.status, group: data.group }));
    results.push({ language: 'typescript', analysis: 'log-rank', scale, n, ms: +lr.toFixed(1) });
  }
  return results;
}

/** Runs bench/stats.bench.R on the same data (written to a temporary CSV) and parses its JSON lines. */
export function runRBench(n = 1_000_000, repeats = 5): StatsBenchResult[] {
  const script = [resolve(__dirname, 'stats.bench.R'), resolve(__dirname, '../../bench/stats.bench.R'), resolve(process.cwd(), 'bench/stats.bench.R')].find(existsSync);
  if (!script) throw new Error('bench/stats.bench.R not found');
  const dir = mkdtempSync(join(tmpdir(), 'stats-bench-'));
  try {
    const out: StatsBenchResult[] = [];
    for (const scale of ['days', 'continuous'] as TimeScale[]) {
      const data = simulateCohort(n, scale);
      const csv = join(dir, `${scale}.csv`);
      const lines = ['time,status,group'];
      for (let i = 0; i < n; i++) lines.push(`${data.time[i]},${data.status[i]},${data.group[i]}`);
      writeFileSync(csv, `${lines.join('\n')}\n`);
      const text = execFileSync('Rscript', [script, csv, scale, String(repeats)], { encoding: 'utf8', maxBuffer: 1 << 24 });
      for (const line of text.split('\n')) if (line.startsWith('{')) out.push(JSON.parse(line) as StatsBenchResult);
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const n = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 1_000_000);
  const ours = runStatsBench(n);
  for (const r of ours) process.stdout.write(`${JSON.stringify(r)}\n`);
  if (process.argv.includes('--with-r')) {
    for (const r of runRBench(n)) {
      const mine = ours.find((o) => o.analysis === r.analysis && o.scale === r.scale);
      process.stdout.write(`${JSON.stringify({ ...r, ratioROverTypescript: mine ? +(r.ms / mine.ms).toFixed(2) : null })}\n`);
    }
  }
}
