/**
 * `import-fhir <file.ndjson>`: imports FHIR R4 resources (Bulk Data NDJSON, as export-fhir writes
 * them) through the same checks, plan and idempotency as `import`: a file with problems lists each as
 * `line N (Type/id) element: reason`, writes nothing and exits 1; importing it again appends nothing.
 * Local data directory only (over HTTP: POST /fhir with a Bundle).
 */
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { readNdjson } from '../../fhir/fhir.read';
import { ImportFhirMessage } from '../../fhir/fhirImport.handler';
import type { ImportSummary } from '../../import/importBundle.handler';
import { DomainError } from '../../shared/domain.error';
import { onTarget } from '../cliTarget';
import { describe, progressBar } from './import.command';

export function registerImportFhirCommand(program: Command): void {
  program
    .command('import-fhir')
    .description('import FHIR R4 resources from an NDJSON file (one resource per line); importing it again appends nothing')
    .argument('<file>', 'the NDJSON file, e.g. written by export-fhir')
    .action(async (file: string, _options: unknown, command: Command) => {
      if (!existsSync(file)) throw new Error(`no such file: ${file}`);
      const text = readFileSync(file, 'utf8');
      const progress = progressBar();
      try {
        const summary = await onTarget<ImportSummary>(command, {
          local: ({ commandBus, recordedBy }) => commandBus.execute(new ImportFhirMessage(readNdjson(text), text, recordedBy, progress.update)),
        });
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
