/**
 * What the SQLite writer thread and the server's main thread say to each other (sqlite.writer.ts):
 * a batch of appends one way, the outcome of each the other way. Errors cross the thread as plain
 * objects and are made again on arrival, keeping what callers look at: a ConcurrencyError stays one,
 * a SQLite error keeps its code (isStorageFault reads it).
 */
import type { AppendOutcome, AppendRequest } from './sqlite.connection';
import { ConcurrencyError, type ExpectedRevision } from './eventStore.port';

export type WriterRequest = { id: number; requests: readonly AppendRequest[]; placing: boolean } | { id: number; close: true };

export interface WireError {
  name: string;
  message: string;
  code?: string;
  concurrency?: { streamId: string; expected: ExpectedRevision; actual: number | 'no_stream' };
}

export type WireOutcome = Extract<AppendOutcome, { ok: true }> | { ok: false; error: WireError };

export type WriterAnswer = { id: number; outcomes: WireOutcome[] } | { id: number; failure: WireError } | { id: number; closed: true };

export function toWire(error: unknown): WireError {
  if (error instanceof ConcurrencyError) return { name: error.name, message: error.message, concurrency: { streamId: error.streamId, expected: error.expected, actual: error.actual } };
  const { name = 'Error', message = String(error), code } = (error ?? {}) as { name?: string; message?: string; code?: unknown };
  return { name, message, ...(typeof code === 'string' ? { code } : {}) };
}

export function fromWire(wire: WireError): Error {
  if (wire.concurrency) return new ConcurrencyError(wire.concurrency.streamId, wire.concurrency.expected, wire.concurrency.actual);
  return Object.assign(new Error(wire.message), { name: wire.name, ...(wire.code === undefined ? {} : { code: wire.code }) });
}

export const outcomeFromWire = (outcome: WireOutcome): AppendOutcome => (outcome.ok ? outcome : { ok: false, error: fromWire(outcome.error) });
