/** Configuration from the environment, read once at start-up; every default works on a fresh machine. */
import { resolve } from 'node:path';

export type StoreKind = 'sqlite' | 'memory' | 'eventstoredb';

export interface AppConfig {
  store: StoreKind;
  dataDir: string;
  port: number;
  eventStoreUrl: string | null;
  /** `disabled` is a developer mode: every request acts as an all-roles "dev-mode" user */
  auth: 'required' | 'disabled';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const store = (env.EVENT_STORE ?? 'sqlite') as StoreKind;
  if (!['sqlite', 'memory', 'eventstoredb'].includes(store)) {
    throw new Error(`EVENT_STORE must be sqlite, memory or eventstoredb, not ${JSON.stringify(env.EVENT_STORE)}`);
  }
  if (env.AUTH !== undefined && !['required', 'disabled'].includes(env.AUTH)) throw new Error(`AUTH must be required or disabled, not ${JSON.stringify(env.AUTH)}`);
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not ${env.PORT}`);
  return {
    store,
    dataDir: resolve(env.DATA_DIR ?? './data'),
    port,
    eventStoreUrl: env.EVENTSTORE_URL ?? null,
    auth: env.AUTH === 'disabled' ? 'disabled' : 'required',
  };
}
