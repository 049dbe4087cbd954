/** What security adds to the application: the global guard, users, the installation secret, rate limiting (the access log binds to its routes: accessLog.routes.ts). */
import type { Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { AppConfig } from '../config';
import { AuthController } from '../http/auth.controller';
import { UsersController } from '../http/users.controller';
import { AccessLogController } from '../http/accessLog.controller';
import { AuthGuard } from './auth.guard';
import { INSTALLATION_SECRET, loadInstallationSecret } from './installationSecret';
import { UsersService } from './users.service';
import { UsersReadModel } from './usersReadModel';

export const authImports = [ThrottlerModule.forRoot([{ name: 'default', ttl: 60_000, limit: 10 }])];
export const authControllers = [AuthController, UsersController, AccessLogController];
export const authProviders = (config: AppConfig): Provider[] => [
  { provide: INSTALLATION_SECRET, useFactory: () => loadInstallationSecret(config) },
  { provide: APP_GUARD, useClass: AuthGuard },
  UsersReadModel,
  UsersService,
];
