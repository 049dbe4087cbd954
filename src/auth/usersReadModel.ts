/**
 * Who can sign in with what, following the log (user streams only). A miss catches up first, so a
 * user added a moment ago by the CLI in another process is found.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, StoredEvent } from '../eventStore/eventStore.port';
import { EVENT_STORE } from '../eventStore/openEventStore';
import { LogFollower } from '../eventStore/logFollower';
import { USER_STREAM_PREFIX, type Role, type UserEvent } from '../users/user.events';

export interface UserAccount {
  userName: string;
  roles: Role[];
  identifiedAccess: boolean;
  passwordHash: string | null;
  keys: Map<string, { keyId: string; keyHash: string; label: string }>;
}

@Injectable()
export class UsersReadModel {
  private readonly users = new Map<string, UserAccount>();
  private readonly byKeyHash = new Map<string, string>();
  private readonly follower: LogFollower;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.follower = new LogFollower(store, (event) => this.apply(event));
  }

  async byName(userName: string): Promise<UserAccount | undefined> {
    if (!this.users.has(userName)) await this.catchUp();
    return this.users.get(userName);
  }

  async byApiKeyHash(keyHash: string): Promise<UserAccount | undefined> {
    await this.catchUp(); // a revocation must take effect at once, so always look at the head
    const userName = this.byKeyHash.get(keyHash);
    return userName === undefined ? undefined : this.users.get(userName);
  }

  async count(): Promise<number> {
    await this.catchUp();
    return this.users.size;
  }

  catchUp(): Promise<void> {
    return this.follower.catchUp();
  }

  private apply(stored: StoredEvent): void {
    if (!stored.streamId.startsWith(USER_STREAM_PREFIX)) return;
    const event = { type: stored.type, data: stored.data } as UserEvent;
    const userName = stored.streamId.slice(USER_STREAM_PREFIX.length);
    if (event.type === 'UserRegistered') {
      this.users.set(userName, { ...event.data, passwordHash: null, keys: new Map() });
      return;
    }
    const user = this.users.get(userName);
    if (!user) return;
    if (event.type === 'PasswordSet') user.passwordHash = event.data.passwordHash;
    if (event.type === 'ApiKeyIssued') {
      user.keys.set(event.data.keyId, event.data);
      this.byKeyHash.set(event.data.keyHash, userName);
    }
    if (event.type === 'ApiKeyRevoked') {
      const key = user.keys.get(event.data.keyId);
      if (key) this.byKeyHash.delete(key.keyHash);
      user.keys.delete(event.data.keyId);
    }
  }
}
