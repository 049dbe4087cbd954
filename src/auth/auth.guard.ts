/**
 * Every request is authenticated (an API key as a bearer token, or the web UI's session cookie) and
 * authorised by the roles its endpoint declares. An endpoint that declares none is refused to all, so
 * forgetting @Roles fails closed. Cookie sessions must echo the CSRF cookie in X-CSRF-Token on writes.
 */
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { AppConfig } from '../config';
import { CLOCK, type Clock } from '../shared/clock';
import { DomainError } from '../shared/domain.error';
import { ROLES, type Role } from '../users/user.events';
import { sha256Hex, verifySession } from './credentials';
import { PUBLIC_KEY, ROLES_KEY, type Identity } from './identity';
import { INSTALLATION_SECRET } from './installationSecret';
import { UsersReadModel } from './usersReadModel';

export const SESSION_COOKIE = 'cc_session';
export const CSRF_COOKIE = 'cc_csrf';
const DEV_IDENTITY: Identity = { userName: 'dev-mode', roles: [...ROLES], identifiedAccess: true, via: 'dev-mode' };
const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

export function cookiesOf(request: Request): Record<string, string> {
  return Object.fromEntries(
    (request.headers.cookie ?? '').split(';').map((part) => part.trim().split('=')).filter((kv) => kv.length === 2).map(([k, v]) => [k, decodeURIComponent(v)]),
  );
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly users: UsersReadModel,
    @Inject('CONFIG') private readonly config: AppConfig,
    @Inject(INSTALLATION_SECRET) private readonly secret: Buffer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { identity?: Identity }>();
    const targets = [context.getHandler(), context.getClass()];
    if (this.config.auth === 'disabled') {
      request.identity = DEV_IDENTITY;
      return true;
    }
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const identity = await this.identify(request);
    if (!identity) throw new DomainError('unauthenticated', 'sign in: send "Authorization: Bearer <API key>" or log in at POST /auth/login');
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!allowed.some((role) => identity.roles.includes(role))) {
      throw new DomainError('forbidden', allowed.length ? `this needs one of the roles: ${allowed.join(', ')}` : 'no role grants this endpoint');
    }
    if (identity.via === 'session' && !SAFE_METHODS.includes(request.method)) {
      const csrf = cookiesOf(request)[CSRF_COOKIE];
      if (!csrf || request.headers['x-csrf-token'] !== csrf) throw new DomainError('forbidden', 'missing or wrong X-CSRF-Token header');
    }
    request.identity = identity;
    return true;
  }

  private async identify(request: Request): Promise<Identity | null> {
    const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) {
      const user = await this.users.byApiKeyHash(sha256Hex(bearer));
      return user ? { userName: user.userName, roles: user.roles, identifiedAccess: user.identifiedAccess, via: 'api-key' } : null;
    }
    const session = cookiesOf(request)[SESSION_COOKIE];
    const userName = session ? verifySession(this.secret, session, Date.parse(this.clock.now())) : null;
    const user = userName ? await this.users.byName(userName) : undefined;
    return user ? { userName: user.userName, roles: user.roles, identifiedAccess: user.identifiedAccess, via: 'session' } : null;
  }
}
