/** User administration on the user decider: the same command loop as patients, secrets hashed here. */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EventStore, StoredEvent } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import { CLOCK, type Clock } from '../shared/clock';
import { handleCommand, type StreamDecider } from '../shared/handleCommand';
import { userDecider, type UserCommand, type UserState } from '../users/user.decider';
import { ROLES, USER_EVENT_SCHEMA_VERSION, userStreamId, type Role, type UserEvent } from '../users/user.events';
import { hashPassword, newApiKey, newPassword } from './credentials';
import { UsersReadModel } from './usersReadModel';

const userStream: StreamDecider<UserState, UserCommand, UserEvent, UserEvent> = {
  decider: userDecider,
  toRecorded: (stored: StoredEvent) => ({ type: stored.type, data: stored.data }) as UserEvent,
  schemaVersion: USER_EVENT_SCHEMA_VERSION,
};

export interface NewUser {
  userName: string;
  roles: Role[];
  identifiedAccess: boolean;
}

@Injectable()
export class UsersService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModel: UsersReadModel,
  ) {}

  /** Registers a user and issues a first API key; the key is returned once and never stored. */
  async addUser(user: NewUser, by: string, password?: string): Promise<{ apiKey: string; keyId: string }> {
    const { keyId, key, keyHash } = newApiKey();
    const commands: UserCommand[] = [
      { type: 'RegisterUser', data: user },
      { type: 'IssueApiKey', data: { keyId, keyHash, label: 'first key' } },
      ...(password ? [{ type: 'SetPassword' as const, data: { passwordHash: hashPassword(password) } }] : []),
    ];
    await this.run(user.userName, commands, by);
    return { apiKey: key, keyId };
  }

  async issueApiKey(userName: string, label: string, by: string): Promise<{ apiKey: string; keyId: string }> {
    const { keyId, key, keyHash } = newApiKey();
    await this.run(userName, [{ type: 'IssueApiKey', data: { keyId, keyHash, label } }], by);
    return { apiKey: key, keyId };
  }

  async revokeApiKey(userName: string, keyId: string, reason: string, by: string): Promise<void> {
    await this.run(userName, [{ type: 'RevokeApiKey', data: { keyId, reason } }], by);
  }

  async setPassword(userName: string, password: string, by: string): Promise<void> {
    await this.run(userName, [{ type: 'SetPassword', data: { passwordHash: hashPassword(password) } }], by);
  }

  /** On the first start of an empty installation: an admin with one-time credentials, never a default password. */
  async bootstrapAdmin(): Promise<{ userName: string; password: string; apiKey: string } | null> {
    if ((await this.readModel.count()) > 0) return null;
    const password = newPassword();
    const { apiKey } = await this.addUser({ userName: 'admin', roles: [...ROLES], identifiedAccess: true }, 'system:first-start', password);
    new Logger('Security').warn('created the first user "admin"; its one-time credentials follow');
    return { userName: 'admin', password, apiKey };
  }

  private async run(userName: string, commands: UserCommand[], by: string): Promise<void> {
    const now = this.clock.now();
    await handleCommand({ store: this.store, newId: randomUUID }, userStream, userStreamId(userName), commands, {
      recordedAt: now,
      recordedBy: by,
      correlationId: randomUUID(),
      causationId: null,
    });
  }
}
