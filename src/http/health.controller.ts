import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AppConfig } from '../config';
import { StoreUnavailableError, type EventStore } from '../eventStore/eventStore.port';
import { connectionOf } from '../eventStore/storeConnection';
import { EVENT_STORE } from '../eventStore/openEventStore';
import { Public } from '../auth/identity';
import { CohortReadModel } from '../datasets/cohort.readModel';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject('CONFIG') private readonly config: AppConfig,
    private readonly cohort: CohortReadModel,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness, the store in use, its connection and the head of the log; 503 while the store is unreachable' })
  async health(@Res({ passthrough: true }) response: Response) {
    try {
      const headPosition = await this.store.headPosition();
      // lag = head - position: a read model that stalls shows a growing lag instead of failing silently
      const readModels = [this.cohort.status()].flatMap((m) => (m ? [{ ...m, lag: headPosition - m.position }] : []));
      return { status: 'ok', store: this.config.store, connection: connectionOf(this.store), headPosition, readModels };
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      response.status(503).setHeader('Retry-After', '5');
      return { status: 'unavailable', store: this.config.store, connection: connectionOf(this.store), message: error.message };
    }
  }
}
