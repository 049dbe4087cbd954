/**
 * `generate --patients N [--seed S] --out <folder>`: writes a SYNTHETIC Cohort CSV bundle (no real
 * person in it), the same bytes for the same count and seed, for trials and benchmarks at registry
 * scale; `import <folder>` loads it. Needs no store. A progress bar on stderr for big counts.
 */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeBundle } from '../../export/bundle.write';
import { generatePatients } from '../../synthetic/bundle.generate';

interface GenerateOptions {
  patients: string;
  seed: string;
  out: string;
}

/** A whole number in [min, max], or an error that names the option and says why. */
function wholeNumber(option: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new Error(`${option} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`);
  return n;
}

export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description('write a SYNTHETIC Cohort CSV bundle of N patients (deterministic from the seed) into a new folder')
    .requiredOption('--patients <n>', 'number of patients')
    .option('--seed <s>', 'seed of the generator: same count and seed, same bytes', '2012')
    .requiredOption('--out <folder>', 'folder to write (created; must be empty or new)')
    .action((options: GenerateOptions) => {
      const count = wholeNumber('--patients', options.patients, 1, 10_000_000);
      const seed = wholeNumber('--seed', options.seed, 0, 2 ** 32 - 1);
      if (existsSync(options.out) && readdirSync(options.out).length > 0) throw new Error(`--out ${options.out} is not empty: choose a new folder`);
      const bar = new SingleBar({ format: 'generating [{bar}] {percentage}% | {value}/{total} patients | ETA {eta_formatted}', stream: process.stderr, etaBuffer: 20 });
      const started = performance.now();
      bar.start(count, 0);
      const patients = generatePatients(count, seed, (done) => bar.update(done));
      bar.stop();
      process.stderr.write('writing the CSV files...\n');
      const files = writeBundle(patients);
      mkdirSync(options.out, { recursive: true });
      for (const [name, text] of Object.entries(files)) writeFileSync(join(options.out, name), text);
      const lines = Object.entries(files).map(([name, text]) => `  ${name.padEnd(16)} ${String(text.split('\n').length - 2).padStart(9)} rows ${(Buffer.byteLength(text) / 1e6).toFixed(1).padStart(7)} MB`);
      process.stdout.write(
        [`SYNTHETIC bundle of ${count} patients (seed ${seed}) in ${options.out}, ${((performance.now() - started) / 1000).toFixed(1)} s:`, ...lines, `load it with: npm run cli -- import ${options.out}`, ''].join('\n'),
      );
    });
}
