/**
 * The FHIR import use case: resources (NDJSON lines or Bundle entries) are read into the parsed bundle
 * of the CSV import and handed to ImportBundleHandler.importParsed, the one path that checks every
 * patient against their record, writes nothing while any problem remains, and appends nothing for
 * what the record already says. Problems the planner places on CSV columns are put back on the
 * resource's line or entry and element.
 */
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { createHash } from 'node:crypto';
import { bundleError } from '../import/bundle.commands';
import type { ImportProblem } from '../import/bundle.problem';
import { ImportBundleHandler, type ImportProgress, type ImportSummary } from '../import/importBundle.handler';
import { DomainError } from '../shared/domain.error';
import { parseFhir, placePlanProblems } from './fhir.parse';
import type { ReadResources } from './fhir.read';

export class ImportFhirMessage {
  constructor(
    readonly read: ReadResources,
    /** the bytes as received: their SHA-256 is the import's source fingerprint */
    readonly source: string,
    readonly recordedBy: string,
    readonly onProgress: (progress: ImportProgress) => void = () => undefined,
  ) {}
}

@CommandHandler(ImportFhirMessage)
export class ImportFhirHandler implements ICommandHandler<ImportFhirMessage, ImportSummary> {
  constructor(private readonly imports: ImportBundleHandler) {}

  async execute({ read, source, recordedBy, onProgress }: ImportFhirMessage): Promise<ImportSummary> {
    const startedAt = performance.now();
    const parsed = parseFhir(read);
    const sha256 = createHash('sha256').update(source, 'utf8').digest('hex');
    try {
      return await this.imports.importParsed(parsed, { sourceSha256: sha256, recordedBy, onProgress, startedAt });
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'invalid' || error.details.length === 0) throw error;
      throw bundleError(placePlanProblems(error.details as ImportProblem[], parsed));
    }
  }
}
