/** GET /analyses/*: survival analyses of the cohort at any valid time and knowledge point. */
import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/identity';
import { analysisParams, GROUPING_COLUMNS } from '../analyses/analysis.params';
import { AnalysisQuery } from '../analyses/analyses.handler';

const CUT = [
  { name: 'asOf', description: 'valid-time cut-off (YYYY-MM-DD): the world as it was on that date' },
  { name: 'knownAt', description: 'knowledge cut (ISO instant): what the record said then' },
  { name: 'atPosition', description: 'knowledge cut by log position' },
  { name: 'minPosition', description: 'wait (up to 5 s) until the read model has folded this position' },
];
const CutQueries = () => (target: object, key: string, descriptor: PropertyDescriptor) => {
  for (const q of CUT) ApiQuery({ ...q, required: false })(target, key, descriptor);
};
const groupings = Object.keys(GROUPING_COLUMNS);

@ApiTags('analyses')
@Roles('analyst')
@Controller('analyses')
export class AnalysesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('kaplan-meier')
  @ApiOperation({ summary: 'Kaplan-Meier (survfit): table, median with CI, estimates at times, numbers at risk; log-rank when grouped' })
  @CutQueries()
  @ApiQuery({ name: 'groupBy', required: false, enum: groupings })
  @ApiQuery({ name: 'confType', required: false, enum: ['log', 'log-log', 'plain'], description: "default log, R's default" })
  @ApiQuery({ name: 'confLevel', required: false, description: 'default 0.95' })
  @ApiQuery({ name: 'times', required: false, description: 'comma-separated; default 0 and every 5 years' })
  @ApiQuery({ name: 'timeUnit', required: false, enum: ['months', 'days', 'years'], description: 'default months, as the seed study' })
  kaplanMeier(@Query() query: Record<string, unknown>) {
    return this.queryBus.execute(new AnalysisQuery('kaplan-meier', analysisParams(query)));
  }

  @Get('log-rank')
  @ApiOperation({ summary: 'Log-rank (survdiff, rho 0) or Peto-Peto (rho 1) test of k groups, optionally stratified' })
  @CutQueries()
  @ApiQuery({ name: 'groupBy', required: true, enum: groupings })
  @ApiQuery({ name: 'strata', required: false, enum: groupings })
  @ApiQuery({ name: 'rho', required: false, enum: ['0', '1'] })
  @ApiQuery({ name: 'timeUnit', required: false, enum: ['months', 'days', 'years'] })
  logRank(@Query() query: Record<string, unknown>) {
    return this.queryBus.execute(new AnalysisQuery('log-rank', analysisParams(query)));
  }

  @Get('rate-comparison')
  @ApiOperation({ summary: 'The cohort against population rates: one-sample log-rank, SMR with exact CI, Ederer expected survival' })
  @CutQueries()
  @ApiQuery({ name: 'ratetable', required: false, enum: ['minnesota', 'united-states'], description: 'default minnesota, as the seed study' })
  @ApiQuery({ name: 'confLevel', required: false, description: 'of the SMR interval; default 0.95' })
  @ApiQuery({ name: 'timeUnit', required: false, enum: ['months', 'days', 'years'] })
  rateComparison(@Query() query: Record<string, unknown>) {
    return this.queryBus.execute(new AnalysisQuery('rate-comparison', analysisParams(query)));
  }
}
