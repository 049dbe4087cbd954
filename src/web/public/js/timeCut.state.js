/**
 * The point in time a view shows, read from the URL: a valid-time cut-off (asOf: only facts dated on
 * or before it) and at most one knowledge cut (knownAt: events recorded by an instant, or atPosition:
 * events up to a log position). Also the plain sentence that says which point is shown.
 */

/** @typedef {{asOf: string | null, knownAt: string | null, atPosition: number | null}} TimeCut */

import { writtenPosition } from './api.client.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Ignores malformed values rather than sending them on: the server would refuse every request. @param {Record<string, string>} time @returns {TimeCut} */
export function timeCutOf(time) {
  const asOf = time.asOf && DATE.test(time.asOf) ? time.asOf : null;
  const atPosition = time.atPosition && /^\d{1,15}$/.test(time.atPosition) ? Number(time.atPosition) : null;
  const knownAt = atPosition === null && time.knownAt && INSTANT.test(time.knownAt) ? time.knownAt : null;
  return { asOf, knownAt, atPosition };
}

/**
 * Query parameters for the read-model endpoints (reports, datasets, analyses): the three cuts, and
 * minPosition so that an answer includes what this page has just written (the server waits for it).
 * @param {TimeCut} cut
 */
export const cutQuery = (cut) => ({ asOf: cut.asOf, knownAt: cut.knownAt, atPosition: cut.atPosition, minPosition: writtenPosition() || null });

export const isPresent = (/** @type {TimeCut} */ cut) => cut.knownAt === null && cut.atPosition === null;

/** @param {number} n */
const grouped = (n) => n.toLocaleString('en-US');

/** @param {TimeCut} cut @param {number | null} headPosition */
export function describeCut(cut, headPosition) {
  const valid = cut.asOf ? `facts dated on or before ${cut.asOf}` : 'every fact, whatever its date';
  const head = headPosition === null ? '' : ` of ${grouped(headPosition)}`;
  const knowledge =
    cut.atPosition !== null
      ? `as the log stood at position ${grouped(cut.atPosition)}${head}`
      : cut.knownAt
        ? `as recorded up to ${cut.knownAt.replace('T', ' ').replace(/:00(\.000)?Z$/, ' UTC').replace(/Z$/, ' UTC')}`
        : `as the record stands now${headPosition === null ? '' : ` (log position ${grouped(headPosition)})`}`;
  return `Showing ${valid}, ${knowledge}.`;
}
