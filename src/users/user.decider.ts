/** The user decider: register, set a password, issue and revoke API keys. Hashing happens in the shell. */
import type { Decider } from '../shared/decider';
import { DomainError } from '../shared/domain.error';
import { ROLES, type ApiKeyIssued, type Role, type UserEvent } from './user.events';

export type UserCommand =
  | { type: 'RegisterUser'; data: { userName: string; roles: Role[]; identifiedAccess: boolean } }
  | { type: 'SetPassword'; data: { passwordHash: string } }
  | { type: 'IssueApiKey'; data: ApiKeyIssued['data'] }
  | { type: 'RevokeApiKey'; data: { keyId: string; reason: string } };

export interface UserState {
  userName: string | null;
  activeKeys: readonly string[];
}

const USER_NAME = /^[a-z][a-z0-9._-]{1,63}$/;

export const initialUserState = (): UserState => ({ userName: null, activeKeys: [] });

export function evolveUser(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'UserRegistered':
      return { ...state, userName: event.data.userName };
    case 'ApiKeyIssued':
      return { ...state, activeKeys: [...state.activeKeys, event.data.keyId] };
    case 'ApiKeyRevoked':
      return { ...state, activeKeys: state.activeKeys.filter((k) => k !== event.data.keyId) };
    default:
      return state;
  }
}

export function decideUser(command: UserCommand, state: UserState): UserEvent[] {
  switch (command.type) {
    case 'RegisterUser': {
      const { userName, roles } = command.data;
      if (state.userName !== null) throw new DomainError('conflict', `user ${userName} already exists`);
      const problems = [
        ...(USER_NAME.test(userName) ? [] : [{ field: 'userName', reason: 'must be 2-64 characters: a-z first, then a-z, 0-9, ., _ or -' }]),
        ...(roles.length > 0 && roles.every((r) => (ROLES as readonly string[]).includes(r)) ? [] : [{ field: 'roles', reason: `must be one or more of ${ROLES.join(', ')}` }]),
      ];
      if (problems.length) throw DomainError.invalid(problems);
      return [{ type: 'UserRegistered', data: { ...command.data, roles: [...new Set(roles)] } }];
    }
    case 'SetPassword':
      assertExists(state);
      return [{ type: 'PasswordSet', data: command.data }];
    case 'IssueApiKey':
      assertExists(state);
      return [{ type: 'ApiKeyIssued', data: command.data }];
    case 'RevokeApiKey':
      assertExists(state);
      if (!state.activeKeys.includes(command.data.keyId)) throw new DomainError('not_found', `no active API key ${command.data.keyId}`);
      return [{ type: 'ApiKeyRevoked', data: command.data }];
  }
}

function assertExists(state: UserState): void {
  if (state.userName === null) throw new DomainError('not_found', 'no such user');
}

export const userDecider: Decider<UserState, UserCommand, UserEvent> = { initialState: initialUserState, evolve: evolveUser, decide: decideUser };
