/** POST /patients/:id/erasure: makes a patient's identifying data unreadable (admin only). */
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Identity } from '../auth/identity';
import { identifier } from '../patients/patient.payloads';
import { DomainError } from '../shared/domain.error';
import { EraseIdentityDto } from './erasure.dto';
import { EraseIdentityMessage, type ErasureResult } from './eraseIdentity.handler';

@ApiTags('patients')
@Roles('admin')
@Controller('patients')
export class ErasureController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/erasure')
  @HttpCode(200)
  @ApiOperation({ summary: "Erase a patient's identity: its data key is shredded, the log is not rewritten (docs/erasure.md)" })
  async erase(@Param('id') id: string, @Body() body: EraseIdentityDto, @CurrentUser() identity: Identity) {
    const problem = identifier(id);
    if (problem) throw DomainError.invalid([{ field: 'id', reason: problem }]);
    const result: ErasureResult = await this.commandBus.execute(new EraseIdentityMessage(id, body.mode, body.reason, identity.userName));
    // the rebuild goes on after the answer; the datasets serve the live (already scrubbed) generation meanwhile
    void result.readModelRebuilt;
    return { anonymousId: result.anonymousId, mode: result.mode, position: result.position, eventIds: result.eventIds, keyShredded: true };
  }
}
