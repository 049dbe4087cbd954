/** GET /exports/bundle: the cohort as a zipped Cohort CSV bundle, optionally as of a date and as known at a cut. */
import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { strToU8, zipSync } from 'fflate';
import { CurrentUser, Roles, type Identity } from '../auth/identity';
import type { BundleFiles } from '../import/bundle.parse';
import { DomainError } from '../shared/domain.error';
import { cutParams } from './cohort.cut';
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
  @ApiQuery({ name: 'atPosition', required: false, description: 'knowledge cut-off as a log position (not with knownAt)' })
  @ApiQuery({ name: 'minPosition', required: false, description: 'answer once the read model has folded this position, e.g. the one an import answered' })
  @ApiProduces('application/zip')
  async bundle(@CurrentUser() identity: Identity, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    // Recorders work with identified data by the nature of their role; analysts need it granted.
    if (!identity.identifiedAccess && !identity.roles.includes('recorder')) throw new DomainError('forbidden', 'the bundle holds patient ids and full dates: it needs identified access');
    const params = cutParams(query);
    const files: BundleFiles = await this.queryBus.execute(new ExportBundleQuery(params));
    const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="cohort-bundle${params.asOf ? `-asof-${params.asOf}` : ''}.zip"`);
    return new StreamableFile(zip);
  }
}
