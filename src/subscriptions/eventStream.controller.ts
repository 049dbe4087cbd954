/**
 * GET /events/stream: the log as server-sent events from a position, catching up and then following
 * live, so a downstream warehouse stays current without polling. Auditors only: it carries every
 * patient event, identified. The start of each subscription is access-logged before the first byte
 * goes out (the access log's own event is then part of what the stream sends).
 */
import { Controller, Get, Inject, NotAcceptableException, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { recordAccess } from '../auth/accessLog';
import { CurrentUser, Roles, type Identity } from '../auth/identity';
import type { EventStore } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import { CLOCK, type Clock } from '../shared/clock';
import { streamStart } from './eventStream.params';
import { EventStreams } from './eventStreams.service';

@ApiTags('events')
@Roles('auditor')
@Controller('events')
export class EventStreamController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly streams: EventStreams,
  ) {}

  @Get('stream')
  @ApiOperation({ summary: 'Server-sent events of the log after a position (id: position, event: type, data: the envelope as JSON), catching up then following live; heartbeat comments every 15 s' })
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'after', required: false, description: 'log position: send the events after it (0: the whole log; default: only new events)' })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'sent by a reconnecting EventSource: resume after this position (wins over after)' })
  @ApiHeader({ name: 'Accept', required: true, description: 'text/event-stream' })
  async stream(@CurrentUser() identity: Identity, @Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!req.accepts('text/event-stream') || !String(req.headers.accept ?? '').includes('text/event-stream')) {
      throw new NotAcceptableException('this is a server-sent event stream: send Accept: text/event-stream');
    }
    const lastEventId = req.headers['last-event-id'];
    const after = streamStart(query, lastEventId, await this.store.headPosition());
    const parameters = { ...query, ...(lastEventId === undefined ? {} : { lastEventId }), from: after };
    await recordAccess(this.store, { userName: identity.userName, method: req.method, resource: req.path, parameters, status: 200 }, this.clock.now());
    this.streams.follow(res, after);
  }
}
