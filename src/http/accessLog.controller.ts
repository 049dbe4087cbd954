import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { accessEntry, accessStreamId } from '../auth/accessLog';
import { Roles } from '../auth/identity';
import type { EventStore } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import { DomainError } from '../shared/domain.error';
import { isIsoDate } from '../shared/dates';

@ApiTags('audit')
@Roles('auditor')
@Controller('audit/access')
export class AccessLogController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @ApiOperation({ summary: 'Who read or exported which dataset, analysis or report on a day, with which parameters' })
  @ApiQuery({ name: 'date', required: true, description: 'YYYY-MM-DD (UTC day)' })
  @ApiQuery({ name: 'userName', required: false })
  async list(@Query('date') date?: string, @Query('userName') userName?: string) {
    if (!isIsoDate(date)) throw DomainError.invalid([{ field: 'date', reason: 'must be a real calendar date in YYYY-MM-DD form' }]);
    const entries = (await this.store.readStream(accessStreamId(date))).map(accessEntry);
    return entries.filter((entry) => userName === undefined || entry.userName === userName);
  }
}
