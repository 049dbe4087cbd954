/**
 * One string object for each repeated short value (codes, dates): a registry's read models
 * hold millions of payloads that say "calcinosis_cutis" or "dystrophic" again and again.
 * The table is bounded: when full it starts afresh (strings already shared stay shared).
 */
const LIMIT = 500_000;
const LONGEST = 24;
const table = new Map<string, string>();

export function shared(value: string): string {
  const known = table.get(value);
  if (known !== undefined) return known;
  if (table.size >= LIMIT) table.clear();
  table.set(value, value);
  return value;
}

/**
 * For values that repeat in runs rather than across the whole cohort (the recordedAt of one command's
 * or one import's events): one string per run, without filling the table with every instant.
 */
let lastOfRun = '';
export const sameAsLast = (value: string): string => (value === lastOfRun ? lastOfRun : (lastOfRun = value));

/** One frozen empty list for every payload's empty list (a registry's payloads hold six a patient, 32 bytes each). */
const NO_VALUES: readonly never[] = Object.freeze([]);

/**
 * Replaces, in place, each short string of a payload (and of its string lists) by the shared equal one,
 * and each empty list by NO_VALUES. Not the eventId a stored payload carries: it never repeats, and
 * millions of them would only keep the table full.
 */
export function shareStrings<T extends object>(payload: T): T {
  const fields = payload as Record<string, unknown>;
  for (const field of Object.keys(fields)) {
    if (field === 'eventId') continue;
    const value = fields[field];
    if (typeof value === 'string') {
      if (value.length <= LONGEST) fields[field] = shared(value);
    } else if (Array.isArray(value)) {
      if (value.length === 0) fields[field] = NO_VALUES;
      else for (let i = 0; i < value.length; i++) if (typeof value[i] === 'string' && value[i].length <= LONGEST) value[i] = shared(value[i]);
    }
  }
  return payload;
}
