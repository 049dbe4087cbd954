import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/identity';
import { QualityQuery, qualityParams } from '../audit/quality.handler';

@ApiTags('audit')
@Roles('auditor', 'recorder')
@Controller('quality')
export class QualityController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Soft data-quality findings (never blocking): patient, rule, since when, what' })
  @ApiQuery({ name: 'asOf', required: false, description: 'judge the record as of this day (default: the day of knownAt, else today)' })
  @ApiQuery({ name: 'knownAt', required: false })
  @ApiQuery({ name: 'atPosition', required: false })
  @ApiQuery({ name: 'maxCorrections', required: false, description: 'flag facts corrected more often than this (default 3)' })
  quality(@Query() query: Record<string, unknown>) {
    return this.queryBus.execute(new QualityQuery(qualityParams(query)));
  }
}
