/** POST /reproduce: is a dataset or analysis answer, given by its manifest, still byte-identical? */
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/identity';
import { ReproduceQuery } from './reproduce.handler';

@ApiTags('audit')
@Roles('auditor', 'analyst')
@Controller('reproduce')
export class ReproduceController {
  constructor(private readonly queryBus: QueryBus) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Recompute a dataset or analysis from its manifest at the same knowledge point; says whether the SHA-256 is the same' })
  @ApiBody({ description: 'a manifest from GET /datasets/:name or GET /analyses/* (or the whole answer holding it)', schema: { type: 'object' } })
  reproduce(@Body() body: Record<string, unknown>) {
    return this.queryBus.execute(new ReproduceQuery(body));
  }
}
