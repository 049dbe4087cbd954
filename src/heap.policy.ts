/**
 * How far the server lets V8's old generation grow past what the last full collection kept alive.
 *
 * The server holds every patient's record in memory (about 450 MB at 100,000 patients). V8 sets its
 * next collection limit from the collection before, and one made while the read model loads, when
 * allocation is fast, allows up to four times what was then alive; every dataset answer then adds
 * to the old generation until that limit. At 100,000 patients the server reached 1.07 GB resident
 * that way, and 0.88 GB with 50 % (measured on the bench log). The cost is a full collection more
 * often: each is mostly incremental marking of the records, a few hundred ms spread over an answer.
 */
import { setFlagsFromString } from 'node:v8';

const FLAG = '--heap-growing-percent';
export const HEAP_GROWING_PERCENT = 50;

/** Sets the policy unless the process was started with its own (node flag or NODE_OPTIONS). */
export function applyHeapPolicy(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)].some((arg) => arg.replace(/_/g, '-').startsWith(FLAG));
  if (!given) setFlagsFromString(`${FLAG}=${HEAP_GROWING_PERCENT}`);
  return !given;
}
