import { deciderSpecification } from '../shared/decider.specification';
import { userDecider, type UserCommand } from './user.decider';
import type { UserEvent } from './user.events';

const spec = deciderSpecification(userDecider, (e: UserEvent) => e);
const registered: UserEvent = { type: 'UserRegistered', data: { userName: 'ana', roles: ['analyst'], identifiedAccess: false } };
const key: UserEvent = { type: 'ApiKeyIssued', data: { keyId: 'k1', keyHash: 'h', label: 'cli' } };
const cmd = (c: UserCommand) => c;

describe('user decider', () => {
  it('registers a user with several roles, once each', () =>
    spec.given([]).when(cmd({ type: 'RegisterUser', data: { userName: 'ana', roles: ['analyst', 'auditor', 'analyst'], identifiedAccess: true } }))
      .then([{ type: 'UserRegistered', data: { userName: 'ana', roles: ['analyst', 'auditor'], identifiedAccess: true } }]));
  it('refuses a second registration', () =>
    spec.given([registered]).when(cmd({ type: 'RegisterUser', data: { userName: 'ana', roles: ['analyst'], identifiedAccess: false } })).thenThrows('conflict'));
  it('refuses an unknown role and a bad name, naming both', () =>
    spec.given([]).when(cmd({ type: 'RegisterUser', data: { userName: 'A b', roles: ['god' as never], identifiedAccess: false } })).thenThrows('invalid', /userName.*roles/, ['userName', 'roles']));
  it('issues and revokes API keys of an existing user only', () => {
    spec.given([]).when(cmd({ type: 'IssueApiKey', data: { keyId: 'k1', keyHash: 'h', label: 'x' } })).thenThrows('not_found');
    spec.given([registered, key]).when(cmd({ type: 'RevokeApiKey', data: { keyId: 'k1', reason: 'left' } })).then([{ type: 'ApiKeyRevoked', data: { keyId: 'k1', reason: 'left' } }]);
    spec.given([registered, key, { type: 'ApiKeyRevoked', data: { keyId: 'k1', reason: 'left' } }]).when(cmd({ type: 'RevokeApiKey', data: { keyId: 'k1', reason: 'again' } })).thenThrows('not_found');
  });
});
