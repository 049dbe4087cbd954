/**
 * The summary `npm run bench` prints after the scenarios: one line per measurement (the JSON lines
 * each scenario printed, figures only), then the issue's targets, each met, missed or not measured in
 * this run. Kept apart from run.ts so the table can be re-printed from a saved bench/results file:
 *   node dist/bench/results.table.js bench/results/<file>.json
 */
import { readFileSync } from 'node:fs';

export interface ScenarioResult {
  scenario: string;
  short: string;
  quick: boolean;
  exitCode: number | null;
  seconds: number;
  output: string;
}

type Line = Record<string, unknown>;

/** The figures worth a column, in this order; other fields stay in the JSON file. */
const FIGURES = [
  'concurrency', 'n', 'rows', 'events', 'patients', 'eventsPerSecond', 'rowsPerSecond', 'storeRowsPerSecond', 'bareRowsPerSecond', 'rowsPerCommit',
  'ratio', 'ratioToBareRead', 'ratioROverTypescript', 'speedupOverBareBatch1', 'p50Ms', 'p99Ms', 'p50', 'p99', 'cpuP50', 'cpuP99', 'ms', 'seconds', 'errors', 'serverCpuMsPerRequest', 'clientCpuMsPerRequest', 'rssMb', 'peakRssMb', 'serverRssMb',
];
const LABELS = ['measure', 'label', 'run', 'analysis', 'scale', 'language', 'dataset'];

const parse = (output: string): Line[] =>
  output.split('\n').flatMap((text) => {
    try {
      const value: unknown = JSON.parse(text);
      return value && typeof value === 'object' ? [value as Line] : [];
    } catch {
      return [];
    }
  });

interface Target {
  what: string;
  scenario: string;
  /** the figure this run measured, or null when the scenario did not measure it */
  measured: (lines: Line[]) => { text: string; met: boolean } | null;
}

const find = (lines: Line[], test: (l: Line) => boolean) => lines.find(test) ?? null;

const TARGETS: Target[] = [
  {
    what: 'HTTP at concurrency 32: >= 3,000 events/s with p99 < 50 ms',
    scenario: 'http',
    measured: (lines) => {
      const l = find(lines, (x) => x.concurrency === 32);
      return l && { text: `${l.eventsPerSecond} events/s, p99 ${l.p99Ms} ms`, met: Number(l.eventsPerSecond) >= 3000 && Number(l.p99Ms) < 50 };
    },
  },
  {
    what: 'store append path within 2x of the bare insert loop',
    scenario: 'append',
    measured: (lines) => {
      const ratios = lines.filter((x) => typeof x.ratio === 'number').map((x) => `${x.measure}: ${x.ratio}`);
      return ratios.length ? { text: ratios.join('; '), met: lines.every((x) => typeof x.ratio !== 'number' || Number(x.ratio) <= 2) } : null;
    },
  },
  {
    what: 'import >= 50,000 rows/s (generated bundle, first import)',
    scenario: 'import',
    measured: (lines) => {
      const l = find(lines, (x) => String(x.label).startsWith('generated') && x.run === 'first');
      const floor = find(lines, (x) => String(x.label).startsWith('generated') && String(x.measure).startsWith('write floor'));
      const writingOnly = floor ? `; inserting its events alone, bare: ${floor.bundleRowsPerSecondWritingOnly} rows/s` : '';
      return l && { text: `${l.rowsPerSecond} rows/s (${l.rows} rows${writingOnly})`, met: Number(l.rowsPerSecond) >= 50_000 };
    },
  },
  {
    what: 'rebuild >= 500,000 events/s and within 3x of the bare read',
    scenario: 'datasets',
    measured: (lines) => {
      const l = find(lines, (x) => x.measure === 'rebuild');
      const floor = find(lines, (x) => String(x.measure).startsWith('read floor'));
      const below = floor ? `; read floor ${floor.eventsPerSecond} events/s` : '';
      return l && { text: `${l.eventsPerSecond} events/s, ${l.ratioToBareRead}x the bare read${below}`, met: Number(l.eventsPerSecond) >= 500_000 && Number(l.ratioToBareRead) <= 3 };
    },
  },
  {
    what: 'historical dataset p99 < 1 s',
    scenario: 'datasets',
    measured: (lines) => {
      const l = find(lines, (x) => String(x.measure).includes('historical') && String(x.measure).endsWith('summary'));
      return l && { text: `p99 ${l.p99} s over ${l.queries} queries`, met: Number(l.p99) < 1 };
    },
  },
  {
    what: 'RSS < 1 GB (1,024 MB) holding the read models of 100,000 patients, queries included',
    scenario: 'datasets',
    measured: (lines) => {
      const restart = find(lines, (x) => String(x.measure).startsWith('restart'));
      const queries = find(lines, (x) => String(x.measure).includes('historical') && String(x.measure).endsWith('summary'));
      if (!restart || !queries || typeof queries.peakRssMb !== 'number') return null;
      const peak = Math.max(Number(restart.rssMb), Number(queries.peakRssMb));
      return { text: `${restart.rssMb} MB after the restart (${restart.patients} patients), peak ${peak} MB (the server's VmHWM) over the latest and historical datasets`, met: peak < 1024 };
    },
  },
  {
    what: 'Kaplan-Meier and log-rank faster than R',
    scenario: 'stats',
    measured: (lines) => {
      const r = lines.filter((x) => typeof x.ratioROverTypescript === 'number');
      return r.length ? { text: `R/TypeScript ${r.map((x) => x.ratioROverTypescript).join(', ')}`, met: r.every((x) => Number(x.ratioROverTypescript) > 1) } : null;
    },
  },
];

export function resultTable(results: readonly ScenarioResult[]): string {
  const rows: string[][] = [];
  for (const result of results) {
    const lines = parse(result.output);
    if (lines.length === 0) rows.push([result.short, result.exitCode === 0 ? '(no JSON lines)' : `FAILED (exit ${result.exitCode})`, '']);
    for (const line of lines) {
      const label = LABELS.filter((k) => line[k] !== undefined && line[k] !== null).map((k) => String(line[k])).join(' ');
      const figures = FIGURES.filter((k) => typeof line[k] === 'number').map((k) => `${k}=${line[k]}`).join('  ');
      rows.push([result.short, label, figures]);
    }
  }
  const width = [0, 1].map((c) => Math.min(60, Math.max(...rows.map((r) => r[c].length))));
  const table = rows.map((r) => `${r[0].padEnd(width[0])}  ${r[1].slice(0, 60).padEnd(width[1])}  ${r[2]}`);
  const targets = TARGETS.map((t) => {
    const result = results.find((r) => r.short === t.scenario);
    const got = result ? t.measured(parse(result.output)) : null;
    return `${got === null ? 'not measured' : got.met ? 'MET   ' : 'MISSED'}  ${t.what}${got ? `: ${got.text}` : ''}${result?.quick ? ' (quick sizes)' : ''}`;
  });
  return [...table, '', 'targets:', ...targets.map((t) => `  ${t}`)].join('\n');
}

if (require.main === module) {
  const saved = JSON.parse(readFileSync(process.argv[2], 'utf8')) as { results: ScenarioResult[] };
  process.stdout.write(`${resultTable(saved.results)}\n`);
}
