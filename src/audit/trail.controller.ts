/** GET /audit/trail: every event of a patient or of the whole log for auditors, as CSV or JSON lines, streamed. */
import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Readable } from 'node:stream';
import { Roles } from '../auth/identity';
import type { EventStore } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import { trailChunks, trailParams } from './trail.read';
import { TRAIL_FORMATS } from './trail.rows';

@ApiTags('audit')
@Roles('auditor')
@Controller('audit')
export class AuditTrailController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('trail')
  @ApiOperation({ summary: 'The audit trail: one row per event (envelope, the event in words, reason, fields before -> after)' })
  @ApiQuery({ name: 'patientId', required: false, description: 'one patient; default the whole log' })
  @ApiQuery({ name: 'format', required: false, enum: TRAIL_FORMATS, description: 'default csv' })
  async trail(@Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const params = trailParams(query);
    const chunks = await trailChunks(this.store, params);
    const name = `audit-trail${params.patientId ? `-${params.patientId.replace(/[^\w.-]/g, '_')}` : ''}.${params.format}`;
    res.type(params.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8').set('Content-Disposition', `attachment; filename="${name}"`);
    // The status line is gone once streaming began: a failure half-way can only cut the answer short.
    Readable.from(chunks)
      .on('error', (error) => res.destroy(error))
      .pipe(res);
  }
}
