/**
 * Secrets and their hashes. Passwords: scrypt with a random salt (N=2^15, r=8, p=1, OWASP's minimum).
 * API keys: 32 random bytes; only their SHA-256 is stored (a key has full entropy, so a fast hash
 * suffices). Session tokens: HMAC-SHA256 with the installation secret, so no session table is needed.
 */
import { createHash, createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const b64 = (buffer: Buffer) => buffer.toString('base64url');

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${b64(salt)}$${b64(hash)}`;
}

export function verifyPassword(password: string, encoded: string): boolean {
  const [scheme, n, r, p, salt, hash] = encoded.split('$');
  if (scheme !== 'scrypt') return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = scryptSync(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: SCRYPT.maxmem });
  return timingSafeEqual(actual, expected);
}

export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');

export function newApiKey(): { keyId: string; key: string; keyHash: string } {
  const keyId = b64(randomBytes(6));
  const key = `cc_${keyId}_${b64(randomBytes(32))}`;
  return { keyId, key, keyHash: sha256Hex(key) };
}

export const newPassword = (): string => b64(randomBytes(18));

/** `<userName>.<expiry ms>.<hmac>`: valid until expiry, unforgeable without the installation secret. */
export function signSession(secret: Buffer, userName: string, expiresAt: number): string {
  const body = `${userName}.${expiresAt}`;
  return `${body}.${b64(createHmac('sha256', secret).update(body).digest())}`;
}

export function verifySession(secret: Buffer, token: string, now: number): string | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [userName, expiry] = parts;
  const expected = signSession(secret, userName, Number(expiry));
  const ok = expected.length === token.length && timingSafeEqual(Buffer.from(expected), Buffer.from(token));
  return ok && Number(expiry) > now ? userName : null;
}
