/**
 * A stable per-installation secret: it signs session tokens and keys the HMAC pseudonyms of
 * de-identified exports. Kept in DATA_DIR (mode 0600) or given as INSTALLATION_SECRET (hex) so that
 * several app replicas on one EventStoreDB share it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config';

export const INSTALLATION_SECRET = Symbol('InstallationSecret');

export function loadInstallationSecret(config: AppConfig, env: NodeJS.ProcessEnv = process.env): Buffer {
  if (env.INSTALLATION_SECRET) {
    if (!/^[0-9a-f]{64,}$/i.test(env.INSTALLATION_SECRET)) throw new Error('INSTALLATION_SECRET must be at least 64 hex digits');
    return Buffer.from(env.INSTALLATION_SECRET, 'hex');
  }
  if (config.store === 'memory') return randomBytes(32);
  const file = join(config.dataDir, 'installation.secret');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}
