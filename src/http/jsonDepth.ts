/**
 * Refuses bodies nested deeper than any request of this API needs, before validation: class-transformer
 * and class-validator recurse, so a body of 5,000 nested objects would overflow the stack (a 500).
 */
import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../shared/domain.error';

export const MAX_JSON_DEPTH = 16;

/** Depth of a parsed JSON value, found without recursion so that it cannot overflow either. */
export function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const child of Object.values(current as object)) stack.push([child, depth + 1]);
  }
  return deepest;
}

export function limitJsonDepth(request: Request, _response: Response, next: NextFunction): void {
  if (jsonDepth(request.body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    next(DomainError.invalid([{ field: 'body', reason: `nests deeper than ${MAX_JSON_DEPTH} levels` }]));
    return;
  }
  next();
}
