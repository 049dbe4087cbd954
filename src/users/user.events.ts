/**
 * Users are recorded like everything else: as events in one stream per user, so who could do what,
 * and since when, is part of the audited log. Secrets never enter it: only scrypt / SHA-256 hashes.
 */
export const ROLES = ['recorder', 'analyst', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

type Event<Type extends string, Data> = { type: Type; data: Data };

export type UserRegistered = Event<'UserRegistered', { userName: string; roles: Role[]; identifiedAccess: boolean }>;
/** an scrypt hash in the form scrypt$N$r$p$salt$hash (base64url) */
export type PasswordSet = Event<'PasswordSet', { passwordHash: string }>;
/** an API key (bearer token) of which only the SHA-256 is kept */
export type ApiKeyIssued = Event<'ApiKeyIssued', { keyId: string; keyHash: string; label: string }>;
export type ApiKeyRevoked = Event<'ApiKeyRevoked', { keyId: string; reason: string }>;

export type UserEvent = UserRegistered | PasswordSet | ApiKeyIssued | ApiKeyRevoked;

export const USER_STREAM_PREFIX = 'user-';
export const userStreamId = (userName: string): string => `${USER_STREAM_PREFIX}${userName}`;
export const USER_EVENT_SCHEMA_VERSION = 1;
