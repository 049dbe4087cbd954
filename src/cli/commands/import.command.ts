/**
 * `import <folder>`: imports a Cohort CSV bundle into the configured store, with a progress bar
 * (patients, rows/s, ETA) on a terminal and a summary at the end; with `--server`, uploads the folder's
 * CSV files to POST /imports (multipart), and the server records the token's user. A bundle with
 * problems lists every one as `file:line:column: reason`, writes nothing and exits 1.
 */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import type { BundleFiles } from '../../import/bundle.parse';
import { readBundleFolder } from '../../import/bundle.source';
import { ImportBundleMessage, type ImportProgress, type ImportSummary } from '../../import/importBundle.handler';
import { DomainError } from '../../shared/domain.error';
import type { RemoteServer } from '../remote/remoteServer';
import type { CliContext } from '../cliContext';
import { onTarget, type Ways } from '../cliTarget';

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import a Cohort CSV bundle (a folder of patients.csv, diagnoses.csv, ...); importing it again appends nothing')
    .argument('<folder>', 'the bundle folder')
    .action(async (folder: string, _options: unknown, command: Command) => {
      if (!existsSync(folder)) throw new Error(`no such folder: ${folder}`);
      const files = readBundleFolder(folder);
      await importBundle(command, files, (server) => server.post('/imports', bundleForm(files)));
    });
}

/** The bundle's CSV files as the multipart body POST /imports reads. */
function bundleForm(files: BundleFiles): FormData {
  const form = new FormData();
  for (const [name, text] of Object.entries(files)) form.append('files', new Blob([text], { type: 'text/csv' }), name);
  return form;
}

/** Imports a CSV bundle (here, or on the server) and prints its summary, or the bundle's problems. */
export const importBundle = (command: Command, files: BundleFiles, remote: (server: RemoteServer) => Promise<ImportSummary>): Promise<void> =>
  runImport(command, {
    local: ({ commandBus, recordedBy }, onProgress) => commandBus.execute(new ImportBundleMessage(files, recordedBy, onProgress)),
    remote,
  });

/**
 * Runs an import use case (CSV or FHIR) with the progress bar, and prints its summary; a source with
 * problems prints each as `where: reason`, writes nothing and exits 1.
 */
export async function runImport(
  command: Command,
  ways: { local: (context: CliContext, onProgress: (progress: ImportProgress) => void) => Promise<ImportSummary>; remote?: Ways<ImportSummary>['remote'] },
): Promise<void> {
  const progress = progressBar();
  try {
    const summary = await onTarget<ImportSummary>(command, { local: (context) => ways.local(context, progress.update), remote: ways.remote });
    progress.stop();
    process.stdout.write(describe(summary));
  } catch (error) {
    progress.stop();
    if (!(error instanceof DomainError) || error.details.length === 0) throw error;
    for (const problem of error.details) process.stderr.write(`${problem.field}: ${problem.reason}\n`);
    process.stderr.write(`${error.message.split(':')[0]}\n`);
    process.exitCode = 1;
  }
}

export function progressBar() {
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

export function describe(s: ImportSummary): string {
  return [
    `import ${s.importId} of bundle ${s.bundleSha256}`,
    `  ${s.rows} rows, ${s.patients} patients (${s.patients - s.unchanged} changed, ${s.unchanged} unchanged)`,
    `  ${s.eventsAppended} events appended: ${s.facts} new facts, ${s.corrections} corrections, ${s.retractions} retractions, ${s.authorizationChanges} research authorization changes`,
    `  ${s.seconds.toFixed(2)} s, ${s.rowsPerSecond} rows/s`,
    '',
  ].join('\n');
}
