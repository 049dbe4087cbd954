/**
 * `export-fhir <file.ndjson>`: every patient's record as FHIR R4 resources, Bulk Data NDJSON (one
 * resource per line; docs/fhir-mapping.md). Like `export`, it works on the local data directory as the
 * operating-system user; over HTTP a patient at a time is GET /fhir/Patient/{id}/$everything.
 */
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { writeNdjson } from '../../fhir/fhir.read';
import { FhirExportQuery } from '../../fhir/fhirExport.handler';
import type { FhirResource } from '../../fhir/fhir.types';
import { onTarget } from '../cliTarget';
import { caughtUpCut } from './export.command';

export function registerExportFhirCommand(program: Command): void {
  program
    .command('export-fhir')
    .description('write every patient as FHIR R4 resources, one per line (Bulk Data NDJSON); corrections applied, retractions left out, a Provenance per amendment')
    .argument('<file>', 'the NDJSON file to write (replaced if it exists)')
    .action(async (file: string, _options: unknown, command: Command) => {
      const resources = await onTarget<FhirResource[]>(command, {
        local: async (context) => {
          await caughtUpCut(context, {});
          return context.queryBus.execute(new FhirExportQuery());
        },
      });
      writeFileSync(file, writeNdjson(resources));
      const patients = resources.filter((r) => r.resourceType === 'Patient').length;
      process.stdout.write(`wrote ${resources.length} resources of ${patients} patients to ${file}\n`);
    });
}
