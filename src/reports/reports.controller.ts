/** GET /reports/cohort: the seed study's tables as JSON (unrounded), Markdown or an HTML page. */
import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/identity';
import { MAX_WAIT_MS } from '../datasets/datasets.query';
import { cutParams } from '../export/cohort.cut';
import { DomainError } from '../shared/domain.error';
import type { CohortReport } from './cohort.report';
import { CohortReportQuery } from './cohortReport.handler';
import { reportHtml, reportMarkdown } from './report.render';

const FORMATS = ['json', 'md', 'html'] as const;

@ApiTags('reports')
@Roles('analyst', 'recorder')
@Controller('reports')
export class ReportsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('cohort')
  @ApiOperation({
    summary: "The seed study's tables (Balin et al. 2012): Tables 1-4, lesions and confirmation, follow-up and deaths",
    description: 'Counts of patients of the analysis set (research authorization granted, calcinosis cutis diagnosed by asOf); no patient-level data.',
  })
  @ApiQuery({ name: 'asOf', required: false, description: 'valid-time cut-off (YYYY-MM-DD)' })
  @ApiQuery({ name: 'knownAt', required: false, description: 'knowledge cut-off (ISO instant)' })
  @ApiQuery({ name: 'atPosition', required: false, description: 'knowledge cut-off as a log position (not with knownAt)' })
  @ApiQuery({ name: 'minPosition', required: false, description: `answer once the read model has folded this position, e.g. the one an import answered (at most ${MAX_WAIT_MS / 1000} s, else 503)` })
  @ApiQuery({ name: 'format', required: false, enum: FORMATS, description: 'json (default, unrounded), md or html' })
  @ApiProduces('application/json', 'text/markdown', 'text/html')
  async cohort(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const { format = 'json', ...cut } = query;
    if (!(FORMATS as readonly unknown[]).includes(format)) throw DomainError.invalid([{ field: 'format', reason: `must be one of ${FORMATS.join(', ')}` }]);
    const report: CohortReport = await this.queryBus.execute(new CohortReportQuery(cutParams(cut)));
    if (format === 'json') return report;
    res.setHeader('Content-Type', format === 'md' ? 'text/markdown; charset=utf-8' : 'text/html; charset=utf-8');
    return format === 'md' ? reportMarkdown(report) : reportHtml(report);
  }
}
