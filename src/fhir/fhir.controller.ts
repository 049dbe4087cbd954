/**
 * The FHIR R4 interface over HTTP: a patient's record as a Bundle (`$everything`), and a Bundle of
 * resources imported through the same checks and idempotency as a Cohort CSV bundle. The whole
 * cohort as Bulk Data NDJSON, in and out, is the CLI's (export-fhir, import-fhir). Mapping:
 * docs/fhir-mapping.md.
 */
import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type Identity } from '../auth/identity';
import type { ImportSummary } from '../import/importBundle.handler';
import { DomainError } from '../shared/domain.error';
import { readBundle } from './fhir.read';
import { FhirEverythingQuery } from './fhirExport.handler';
import { ImportFhirMessage } from './fhirImport.handler';
import type { FhirBundle } from './fhir.types';

@ApiTags('fhir')
@Controller('fhir')
export class FhirController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly commandBus: CommandBus,
  ) {}

  @Get('Patient/:id/\\$everything')
  @Roles('recorder', 'analyst')
  @ApiOperation({
    summary: "A patient's whole record as a FHIR R4 searchset Bundle (corrections applied, retractions left out, a Provenance per amendment)",
    description: 'The id is the Patient resource id: the registry id wherever that is a valid FHIR id. It holds patient ids and full dates, so it needs identified access, like GET /exports/bundle.',
  })
  @ApiProduces('application/fhir+json')
  async everything(@Param('id') id: string, @CurrentUser() identity: Identity, @Res({ passthrough: true }) res: Response): Promise<FhirBundle> {
    // Recorders work with identified data by the nature of their role; analysts need it granted.
    if (!identity.identifiedAccess && !identity.roles.includes('recorder')) throw new DomainError('forbidden', 'a FHIR Patient holds patient ids and full dates: it needs identified access');
    const bundle: FhirBundle = await this.queryBus.execute(new FhirEverythingQuery(id));
    res.setHeader('Content-Type', 'application/fhir+json; charset=utf-8');
    return bundle;
  }

  @Post()
  @HttpCode(201)
  @Roles('recorder')
  @ApiOperation({
    summary: 'Import a FHIR R4 Bundle (transaction, batch, collection or searchset) of patients and their resources',
    description:
      'Each Patient comes with all of its resources: the import states their whole record, as a Cohort CSV bundle does. Any problem answers 400 with details ' +
      '[{field: "entry[3] (Condition/x) code", reason}] and writes nothing. Importing the same resources again appends nothing. Up to 1 MB a request; the CLI import-fhir reads NDJSON of any size.',
  })
  @ApiBody({ schema: { type: 'object', properties: { resourceType: { type: 'string', example: 'Bundle' }, type: { type: 'string', example: 'transaction' }, entry: { type: 'array', items: { type: 'object' } } } } })
  import(@Body() body: unknown, @CurrentUser() identity: Identity): Promise<ImportSummary> {
    return this.commandBus.execute(new ImportFhirMessage(readBundle(body), JSON.stringify(body ?? null), identity.userName));
  }
}
