/** The FHIR interface's controller and handlers, for the application module. */
import { FhirController } from './fhir.controller';
import { FhirEverythingHandler, FhirExportHandler } from './fhirExport.handler';
import { ImportFhirHandler } from './fhirImport.handler';

export const fhirControllers = [FhirController];
export const fhirProviders = [FhirEverythingHandler, FhirExportHandler, ImportFhirHandler];
