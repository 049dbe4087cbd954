/** GET /exports/bundle: the cohort as a zipped Cohort CSV bundle, optionally as of a date and as known at an instant. */
import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { strToU8, zipSync } from 'fflate';
import { CurrentUser, Roles, type Identity } from '../auth/identity';
import type { BundleFiles } from '../import/bundle.parse';
import { DomainError } from '../shared/domain.error';
import { ExportBundleQuery } from './exportBundle.handler';

@ApiTags('export')
@Roles('recorder', 'analyst')
@Controller('exports')
export class ExportsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('bundle')
  @ApiOperation({
    summary: 'The whole cohort as a Cohort CSV bundle (zip), corrections applied and retractions left out',
    description:
      'Re-importing it appends nothing. Rows in canonical order: patient_id, then the clinical date, then the id. ' +
      'The bundle holds patient ids and full dates, so it needs identified access.',
  })
  @ApiQuery({ name: 'asOf', required: false, description: 'valid-time cut-off (YYYY-MM-DD): only facts dated on or before it' })
  @ApiQuery({ name: 'knownAt', required: false, description: 'knowledge cut-off (ISO instant): only what was recorded by then' })
  @ApiProduces('application/zip')
  async bundle(@CurrentUser() identity: Identity, @Res({ passthrough: true }) res: Response, @Query('asOf') asOf?: string, @Query('knownAt') knownAt?: string) {
    // Recorders work with identified data by the nature of their role; analysts need it granted.
    if (!identity.identifiedAccess && !identity.roles.includes('recorder')) throw new DomainError('forbidden', 'the bundle holds patient ids and full dates: it needs identified access');
    const files: BundleFiles = await this.queryBus.execute(new ExportBundleQuery(asOf, knownAt));
    const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="cohort-bundle${asOf ? `-asof-${asOf}` : ''}.zip"`);
    return new StreamableFile(zip);
  }
}
