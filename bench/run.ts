/**
 * `npm run bench`: runs each benchmark script (a separate process, so one cannot warm up or starve
 * another), prints what each measured, a summary table with the targets (results.table.ts),
 * and writes bench/results/<date>.json. `--quick` runs every scenario at a small size (under a minute
 * with the build); `--soak [--minutes N] [--patients N] [--steady-share F]` runs the soak test alone; `--only <short>[,<short>]` runs
 * the scenarios named (stats, import, datasets, eventstoredb, http, append).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resultTable } from './results.table';

interface Scenario {
  name: string;
  short: string;
  script: string;
  args: string[];
  quickArgs: string[];
  /** node flags of the process that runs it */
  nodeFlags?: string[];
}

/** What `npm run cli` runs node with (package.json): the import and the rebuild are measured as the CLI does them. */
const CLI_NODE_FLAGS = ['--max-semi-space-size=64'];

const SCENARIOS: Scenario[] = [
  { name: 'Kaplan-Meier and log-rank on 1,000,000 subjects vs R survfit/survdiff', short: 'stats', script: 'stats.bench.js', args: ['1000000', '--with-r'], quickArgs: ['10000', '--with-r'] },
  { name: 'import of a generated bundle (rows/s)', short: 'import', script: 'importRate.bench.js', args: ['100000'], quickArgs: ['200'], nodeFlags: CLI_NODE_FLAGS },
  { name: 'datasets at registry scale: rebuild, latest and historical datasets', short: 'datasets', script: 'datasets.bench.js', args: [join('/tmp', 'cc-bench-100k'), '100000', '20'], quickArgs: [join('/tmp', 'cc-bench-quick-500'), '500', '3'], nodeFlags: CLI_NODE_FLAGS },
  { name: 'EventStoreDB adapter against the in-process TEST DOUBLE (not a real node)', short: 'eventstoredb', script: 'eventstoredb.bench.js', args: ['20000'], quickArgs: ['500'] },
  { name: 'HTTP command throughput: the real server, SQLite synchronous=FULL, concurrency 1/8/32', short: 'http', script: 'httpCommands.bench.js', args: ['10', '2000'], quickArgs: ['1', '200'] },
  { name: "the store's raw append rate vs a bare better-sqlite3 insert loop", short: 'append', script: 'appendRate.bench.js', args: ['5000', '100000', '20000'], quickArgs: ['200', '3000', '2000'] },
];

function main(): void {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const soak = argv.includes('--soak');
  const minutes = argv[argv.indexOf('--minutes') + 1] ?? '10';
  const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : null;
  // the soak's own options, passed on as given
  const soakArgs = ['--patients', '--steady-share'].flatMap((o) => (argv.includes(o) ? [o, argv[argv.indexOf(o) + 1]] : []));
  const chosen: Scenario[] = soak
    ? [{ name: 'soak: steady state on fixed data, then writes, on the real server', short: 'soak', script: 'soak.bench.js', args: [minutes, ...soakArgs], quickArgs: [minutes, ...soakArgs] }]
    : SCENARIOS.filter((s) => only === null || only.includes(s.short));
  const results = chosen.map((scenario) => {
    process.stdout.write(`\n=== ${scenario.name}\n`);
    const started = Date.now();
    const run = spawnSync(process.execPath, [...(scenario.nodeFlags ?? []), join(__dirname, scenario.script), ...(quick ? scenario.quickArgs : scenario.args)], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    process.stdout.write(run.stdout);
    return { scenario: scenario.name, short: scenario.short, quick, exitCode: run.status, seconds: (Date.now() - started) / 1000, output: run.stdout };
  });
  const dir = join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().slice(0, 19).replace(/:/g, '-')}${quick ? '-quick' : ''}${soak ? '-soak' : ''}.json`);
  writeFileSync(file, `${JSON.stringify({ node: process.version, results }, null, 2)}\n`);
  process.stdout.write(`\n=== summary${quick ? ' (quick sizes: the targets are for the full sizes)' : ''}\n${resultTable(results)}\n\nresults written to ${file}\n`);
  if (results.some((r) => r.exitCode !== 0)) process.exitCode = 1;
}

main();
