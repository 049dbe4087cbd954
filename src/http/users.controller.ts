/** User administration (admin role): add users, issue and revoke API keys, set passwords. */
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CurrentUser, Roles, type Identity } from '../auth/identity';
import { UsersService } from '../auth/users.service';
import { ROLES, type Role } from '../users/user.events';
import { TextField } from './dto.decorators';

class AddUserDto {
  @ApiProperty({ example: 'ana' }) @IsString() @MaxLength(64) userName: string;
  @ApiProperty({ enum: ROLES, isArray: true }) @IsArray() @ArrayNotEmpty() @IsIn(ROLES as unknown as string[], { each: true, message: `must contain only ${ROLES.join(', ')}` }) roles: Role[];
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() identifiedAccess: boolean = false;
  @ApiPropertyOptional({ minLength: 12 }) @IsOptional() @IsString() @MinLength(12, { message: 'must be at least 12 characters' }) password?: string;
}

class IssueKeyDto {
  @TextField('what the key is for', 100) label: string;
}

class RevokeKeyDto {
  @TextField('why the key is revoked') reason: string;
}

class SetPasswordDto {
  @ApiProperty({ minLength: 12 }) @IsString() @MinLength(12, { message: 'must be at least 12 characters' }) @MaxLength(200) password: string;
}

@ApiTags('users')
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({ summary: 'Add a user; answers its first API key, shown this once only' })
  async add(@Body() body: AddUserDto, @CurrentUser() by: Identity) {
    const { apiKey, keyId } = await this.users.addUser({ userName: body.userName, roles: body.roles, identifiedAccess: body.identifiedAccess }, by.userName, body.password);
    return { userName: body.userName, roles: body.roles, keyId, apiKey };
  }

  @Post(':userName/api-keys')
  @ApiOperation({ summary: 'Issue another API key, shown this once only' })
  issueKey(@Param('userName') userName: string, @Body() body: IssueKeyDto, @CurrentUser() by: Identity) {
    return this.users.issueApiKey(userName, body.label, by.userName);
  }

  @Post(':userName/api-keys/:keyId/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an API key at once' })
  async revokeKey(@Param('userName') userName: string, @Param('keyId') keyId: string, @Body() body: RevokeKeyDto, @CurrentUser() by: Identity) {
    await this.users.revokeApiKey(userName, keyId, body.reason, by.userName);
    return { revoked: keyId };
  }

  @Post(':userName/password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set the password used to log in to the web UI' })
  async setPassword(@Param('userName') userName: string, @Body() body: SetPasswordDto, @CurrentUser() by: Identity) {
    await this.users.setPassword(userName, body.password, by.userName);
    return { userName };
  }
}
