import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import { verifyLog } from '../eventStore/verifyLog';
import { Roles } from '../auth/identity';

@ApiTags('audit')
@Roles('auditor')
@Controller('audit')
export class AuditController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('verify')
  @ApiOperation({ summary: "Check the whole log's hash chain; names the first broken link" })
  verify() {
    return verifyLog(this.store);
  }
}
