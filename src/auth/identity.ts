import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../users/user.events';

export interface Identity {
  userName: string;
  roles: readonly Role[];
  /** may see identified data (patient ids, full dates); analysts without it get de-identified rows */
  identifiedAccess: boolean;
  via: 'api-key' | 'session' | 'dev-mode';
}

export const ROLES_KEY = 'cc:roles';
export const PUBLIC_KEY = 'cc:public';

/** The roles that may call an endpoint (any one suffices). An endpoint without it is refused to all. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The authenticated caller, set by the AuthGuard; recordedBy always comes from here, never the body. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): Identity => context.switchToHttp().getRequest().identity);
