/**
 * `import <folder>`: imports a Cohort CSV bundle into the configured store, with a progress bar
 * (patients, rows/s, ETA) on a terminal and a summary at the end. A bundle with problems lists every
 * one as `file:line:column: reason`, writes nothing and exits 1.
 */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import type { BundleFiles } from '../../import/bundle.parse';
import { readBundleFolder } from '../../import/bundle.source';
import { ImportBundleMessage, type ImportProgress, type ImportSummary } from '../../import/importBundle.handler';
import { DomainError } from '../../shared/domain.error';
import { withCliContext } from '../cliContext';

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import a Cohort CSV bundle (a folder of patients.csv, diagnoses.csv, ...); importing it again appends nothing')
    .argument('<folder>', 'the bundle folder')
    .action(async (folder: string) => {
      if (!existsSync(folder)) throw new Error(`no such folder: ${folder}`);
      await importFiles(readBundleFolder(folder));
    });
}

/** Runs the import use case on the configured store and prints its progress and summary. */
export async function importFiles(files: BundleFiles): Promise<void> {
  await withCliContext(async ({ commandBus, recordedBy }) => {
    const progress = progressBar();
    try {
      const summary: ImportSummary = await commandBus.execute(new ImportBundleMessage(files, recordedBy, progress.update));
      progress.stop();
      process.stdout.write(describe(summary));
    } catch (error) {
      progress.stop();
      if (!(error instanceof DomainError) || error.details.length === 0) throw error;
      for (const problem of error.details) process.stderr.write(`${problem.field}: ${problem.reason}\n`);
      process.stderr.write(`${error.message.split(':')[0]}\n`);
      process.exitCode = 1;
    }
  });
}

function progressBar() {
  const bar = new SingleBar({
    format: '{phase} [{bar}] {percentage}% | {value}/{total} patients | {rate} rows/s | ETA {eta_formatted}',
    stream: process.stderr,
    etaBuffer: 20,
  });
  let phase: string | null = null;
  let phaseStarted = 0;
  return {
    update: (p: ImportProgress) => {
      if (p.phase !== phase) {
        if (phase !== null) bar.stop();
        phase = p.phase;
        phaseStarted = performance.now();
        bar.start(p.total, 0, { phase: p.phase.padEnd(8), rate: 0 });
      }
      const seconds = (performance.now() - phaseStarted) / 1000;
      bar.update(p.done, { rate: seconds > 0 ? Math.round(p.rows / seconds) : 0 });
    },
    stop: () => phase !== null && bar.stop(),
  };
}

function describe(s: ImportSummary): string {
  return [
    `import ${s.importId} of bundle ${s.bundleSha256}`,
    `  ${s.rows} rows, ${s.patients} patients (${s.patients - s.unchanged} changed, ${s.unchanged} unchanged)`,
    `  ${s.eventsAppended} events appended: ${s.facts} new facts, ${s.corrections} corrections, ${s.retractions} retractions, ${s.authorizationChanges} research authorization changes`,
    `  ${s.seconds.toFixed(2)} s, ${s.rowsPerSecond} rows/s`,
    '',
  ].join('\n');
}
