/**
 * `npm run bench`: runs each benchmark script (a separate process, so one cannot warm up or starve
 * another), prints what each measured, and writes bench/results/<date>.json. `--quick` runs every
 * scenario at a small size (under a minute); `--soak [--minutes N]` runs the soak test alone.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Scenario {
  name: string;
  script: string;
  args: string[];
  quickArgs: string[];
}

const SCENARIOS: Scenario[] = [
  { name: 'Kaplan-Meier and log-rank on 1,000,000 subjects vs R survfit/survdiff', script: 'stats.bench.js', args: ['1000000', '--with-r'], quickArgs: ['100000', '--with-r'] },
  { name: 'import of a generated bundle (rows/s)', script: 'importRate.bench.js', args: ['100000'], quickArgs: ['1000'] },
  { name: 'datasets at registry scale: rebuild, latest and historical datasets', script: 'datasets.bench.js', args: [join('/tmp', 'cc-bench-100k'), '100000', '20'], quickArgs: [join('/tmp', 'cc-bench-quick'), '2000', '5'] },
  { name: 'EventStoreDB adapter against the in-process TEST DOUBLE (not a real node)', script: 'eventstoredb.bench.js', args: ['20000'], quickArgs: ['2000'] },
];

function main(): void {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const soak = argv.includes('--soak');
  const minutes = argv[argv.indexOf('--minutes') + 1] ?? '10';
  const chosen: Scenario[] = soak ? [{ name: 'soak: steady load on the real server', script: 'soak.bench.js', args: [minutes], quickArgs: [minutes] }] : SCENARIOS;
  const results = chosen.map((scenario) => {
    process.stdout.write(`\n=== ${scenario.name}\n`);
    const started = Date.now();
    const run = spawnSync(process.execPath, [join(__dirname, scenario.script), ...(quick ? scenario.quickArgs : scenario.args)], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    process.stdout.write(run.stdout);
    return { scenario: scenario.name, quick, exitCode: run.status, seconds: (Date.now() - started) / 1000, output: run.stdout };
  });
  const dir = join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}${quick ? '-quick' : ''}${soak ? '-soak' : ''}.json`);
  writeFileSync(file, `${JSON.stringify({ node: process.version, results }, null, 2)}\n`);
  process.stdout.write(`\nresults written to ${file}\n`);
  if (results.some((r) => r.exitCode !== 0)) process.exitCode = 1;
}

main();
