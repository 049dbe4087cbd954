/** Sign-in for the web UI: a password gives an HttpOnly session cookie plus a CSRF token. */
import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { IsString, MaxLength } from 'class-validator';
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { CSRF_COOKIE, SESSION_COOKIE } from '../auth/auth.guard';
import { signSession, verifyPassword } from '../auth/credentials';
import { CurrentUser, Public, Roles, type Identity } from '../auth/identity';
import { INSTALLATION_SECRET } from '../auth/installationSecret';
import { UsersReadModel } from '../auth/usersReadModel';
import { CLOCK, type Clock } from '../shared/clock';
import { DomainError } from '../shared/domain.error';
import { ROLES } from '../users/user.events';

const SESSION_HOURS = 12;

class LoginDto {
  @ApiProperty() @IsString({ message: 'must be a string' }) @MaxLength(64) userName: string;
  @ApiProperty() @IsString({ message: 'must be a string' }) @MaxLength(200) password: string;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UsersReadModel,
    @Inject(INSTALLATION_SECRET) private readonly secret: Buffer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: { limit: 10, ttl: 60_000 } })
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with a password: sets the session cookie; at most 10 attempts a minute' })
  async login(@Body() body: LoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const user = await this.users.byName(body.userName);
    if (!user?.passwordHash || !verifyPassword(body.password, user.passwordHash)) {
      throw new DomainError('unauthenticated', 'unknown user or wrong password');
    }
    const expiresAt = Date.parse(this.clock.now()) + SESSION_HOURS * 3_600_000;
    const csrfToken = randomBytes(24).toString('base64url');
    const secure = request.secure ? '; Secure' : '';
    response.setHeader('Set-Cookie', [
      `${SESSION_COOKIE}=${signSession(this.secret, user.userName, expiresAt)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_HOURS * 3600}${secure}`,
      `${CSRF_COOKIE}=${csrfToken}; SameSite=Strict; Path=/; Max-Age=${SESSION_HOURS * 3600}${secure}`,
    ]);
    return { userName: user.userName, roles: user.roles, identifiedAccess: user.identifiedAccess, csrfToken, expiresAt: new Date(expiresAt).toISOString() };
  }

  @Post('logout')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Log out: clears the session cookie' })
  logout(@Res({ passthrough: true }) response: Response) {
    response.setHeader('Set-Cookie', [`${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`, `${CSRF_COOKIE}=; SameSite=Strict; Path=/; Max-Age=0`]);
    return { loggedOut: true };
  }

  @Get('me')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Who the caller is, with roles' })
  me(@CurrentUser() identity: Identity) {
    return identity;
  }
}
