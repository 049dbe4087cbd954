/**
 * The analysis datasets over HTTP: the list, the rows (JSON or CSV) with their provenance manifest in
 * the body and in X-Dataset-* headers, and each column dictionary (JSON or Markdown).
 */
import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles, type Identity } from '../auth/identity';
import { dictionaryMarkdown } from '../../projections/dictionary.render';
import { DEIDENTIFY_MODES, deidentifyColumns } from '../../projections/deidentify.modes';
import { deidentificationFor } from './deidentify.policy';
import { DATASETS, DATASET_NAMES, findDataset } from '../../projections/dataset.registry';
import { manifestHeaders, type DatasetAnswer } from './dataset.answer';
import { DATASET_FORMATS, DICTIONARY_FORMATS, datasetParams, dictionaryParams } from './datasets.params';
import { MAX_WAIT_MS } from './cohort.request';
import { GetDatasetQuery } from './datasets.query';

@ApiTags('datasets')
@Roles('analyst')
@Controller('datasets')
export class DatasetsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'The analysis datasets: name, grain, description, number of columns' })
  list() {
    return DATASETS.map((d) => ({ name: d.name, grain: d.grain, description: d.description, columns: d.columns.length }));
  }

  @Get(':name')
  @ApiOperation({ summary: 'Rows of a dataset at a valid-time cut-off (asOf) and a knowledge cut (knownAt or atPosition), with a provenance manifest' })
  @ApiParam({ name: 'name', enum: DATASET_NAMES })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD: only facts dated on or before it count (default: all)' })
  @ApiQuery({ name: 'knownAt', required: false, description: 'ISO instant: only events recorded by then (default: all)' })
  @ApiQuery({ name: 'atPosition', required: false, description: 'log position: only events up to it (not with knownAt)' })
  @ApiQuery({ name: 'minPosition', required: false, description: `answer once the read model has folded this position (at most ${MAX_WAIT_MS / 1000} s, else 503)` })
  @ApiQuery({ name: 'format', required: false, enum: DATASET_FORMATS })
  @ApiQuery({ name: 'deidentify', required: false, enum: DEIDENTIFY_MODES, description: 'safe-harbor (always, without identified access) or limited-data-set (dates shifted per patient; needs identified access)' })
  @ApiQuery({ name: 'deidentified', required: false, enum: ['true', 'false'], description: 'true: the same as deidentify=safe-harbor' })
  async rows(@CurrentUser() identity: Identity, @Param('name') name: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const asked = datasetParams(name, query);
    const params = { ...asked, deidentify: deidentificationFor(identity, asked.deidentify) };
    const answer: DatasetAnswer = await this.queryBus.execute(new GetDatasetQuery(params));
    // The manifest's digest names these bytes: Express need not hash a registry's dataset again for an ETag.
    res.set(manifestHeaders(answer.manifest)).set('ETag', `"${answer.manifest.sha256}${params.format === 'json' ? '.json' : ''}"`);
    if (params.format === 'json') return { manifest: answer.manifest, rows: answer.rows };
    res.type('text/csv; charset=utf-8').set('Content-Disposition', `inline; filename="${name}.csv"`);
    // written chunk by chunk: no second copy of the whole text (one string, then one buffer) per answer
    const length = answer.csvChunks.reduce((bytes, chunk) => bytes + Buffer.byteLength(chunk, 'utf8'), 0);
    return new StreamableFile(Readable.from(answer.csvChunks, { objectMode: false }), { length });
  }

  @Get(':name/dictionary')
  @ApiOperation({ summary: 'The column dictionary of a dataset: name, type, unit, definition' })
  @ApiParam({ name: 'name', enum: DATASET_NAMES })
  @ApiQuery({ name: 'format', required: false, enum: DICTIONARY_FORMATS })
  @ApiQuery({ name: 'deidentify', required: false, enum: DEIDENTIFY_MODES, description: 'the dictionary of rows de-identified so' })
  @ApiQuery({ name: 'deidentified', required: false, enum: ['true', 'false'], description: 'true: the same as deidentify=safe-harbor' })
  dictionary(@Param('name') name: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const params = dictionaryParams(name, query);
    const found = findDataset(params.name)!;
    const projection = params.deidentify ? { ...found, columns: deidentifyColumns(params.deidentify, found) } : found;
    if (params.format === 'md') {
      res.type('text/markdown; charset=utf-8');
      return dictionaryMarkdown(projection);
    }
    return { name: projection.name, grain: projection.grain, description: projection.description, columns: projection.columns };
  }
}
