/**
 * GET /datasets/:name/export?format=r|stata|sas|parquet: the analysis export folder of a dataset at
 * any cut, as one zip. Same roles, cut parameters, waiting rules, de-identification and access log as
 * GET /datasets/:name, whose canonical CSV (and so whose manifest) it carries unchanged.
 */
import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type Identity } from '../../auth/identity';
import { DATASET_NAMES, findDataset } from '../../../projections/dataset.registry';
import { manifestHeaders, type DatasetAnswer } from '../../datasets/dataset.answer';
import { GetDatasetQuery } from '../../datasets/datasets.query';
import { deidentificationFor } from '../../datasets/deidentify.policy';
import { DEIDENTIFY_MODES } from '../../../projections/deidentify.modes';
import { MAX_WAIT_MS } from '../../datasets/cohort.request';
import { analysisFolder, exportFolderName, zipFolder } from './analysis.folder';
import { analysisExportParams } from './analysisExport.params';
import { ANALYSIS_FORMATS } from './analysis.table';

@ApiTags('datasets')
@Roles('analyst')
@Controller('datasets')
export class AnalysisExportController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':name/export')
  @ApiOperation({ summary: 'A dataset as an analysis-ready folder (zip): the canonical CSV, manifest.json, the dictionary and an R, Stata or SAS program or a Parquet file' })
  @ApiProduces('application/zip')
  @ApiParam({ name: 'name', enum: DATASET_NAMES })
  @ApiQuery({ name: 'format', required: true, enum: ANALYSIS_FORMATS })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD: only facts dated on or before it count (default: all)' })
  @ApiQuery({ name: 'knownAt', required: false, description: 'ISO instant: only events recorded by then (default: all)' })
  @ApiQuery({ name: 'atPosition', required: false, description: 'log position: only events up to it (not with knownAt)' })
  @ApiQuery({ name: 'minPosition', required: false, description: `answer once the read model has folded this position (at most ${MAX_WAIT_MS / 1000} s, else 503)` })
  @ApiQuery({ name: 'deidentify', required: false, enum: DEIDENTIFY_MODES, description: 'safe-harbor (always, without identified access) or limited-data-set (dates shifted per patient; needs identified access)' })
  @ApiQuery({ name: 'deidentified', required: false, enum: ['true', 'false'], description: 'true: the same as deidentify=safe-harbor' })
  async export(@CurrentUser() identity: Identity, @Param('name') name: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { format, dataset } = analysisExportParams(name, query);
    // the datasets' one rule: without identified access Safe Harbor rows, a limited data set refused
    const params = { ...dataset, deidentify: deidentificationFor(identity, dataset.deidentify) };
    const answer: DatasetAnswer = await this.queryBus.execute(new GetDatasetQuery(params));
    const folderName = exportFolderName(name, format);
    res.set(manifestHeaders(answer.manifest));
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="${folderName}.zip"`);
    return new StreamableFile(zipFolder(folderName, analysisFolder(format, findDataset(name)!, answer)));
  }
}
