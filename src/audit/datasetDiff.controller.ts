/** GET /datasets/:name/diff: what changed in a dataset between two knowledge cuts, and which events did it. */
import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/identity';
import { DATASET_NAMES } from '../../projections/dataset.registry';
import { DatasetDiffQuery } from './datasetDiff.handler';
import { diffParams } from './diff.params';

const CUT = 'ISO instant (a knownAt) or whole number (a log position)';

@ApiTags('audit')
@Roles('auditor')
@Controller('datasets')
export class DatasetDiffController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':name/diff')
  @ApiOperation({ summary: 'Rows added, removed and changed (cell by cell) between two knowledge cuts, each with the events that caused it' })
  @ApiParam({ name: 'name', enum: DATASET_NAMES })
  @ApiQuery({ name: 'from', required: true, description: CUT })
  @ApiQuery({ name: 'to', required: true, description: CUT })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD valid-time cut-off for both sides' })
  diff(@Param('name') name: string, @Query() query: Record<string, unknown>) {
    return this.queryBus.execute(new DatasetDiffQuery(diffParams(name, query)));
  }
}
