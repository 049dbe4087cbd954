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
import { runImport } from './import.command';

export function registerImportFhirCommand(program: Command): void {
  program
    .command('import-fhir')
    .description('import FHIR R4 resources from an NDJSON file (one resource per line); importing it again appends nothing')
    .argument('<file>', 'the NDJSON file, e.g. written by export-fhir')
    .action(async (file: string, _options: unknown, command: Command) => {
      if (!existsSync(file)) throw new Error(`no such file: ${file}`);
      const text = readFileSync(file, 'utf8');
      await runImport(command, {
        local: ({ commandBus, recordedBy }, onProgress) => commandBus.execute(new ImportFhirMessage(readNdjson(text), text, recordedBy, onProgress)),
      });
    });
}
