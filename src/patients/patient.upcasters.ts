/**
 * Schema evolution: a stored event keeps the shape it was written in, forever. When a payload's shape
 * changes, its version goes up and an upcaster lifts the old shape one version on read, so folds only
 * ever see the current shape. An event newer than the running code is refused rather than misread.
 */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/** By event type, then by the version an upcaster reads (it returns that version + 1). */
export type UpcasterRegistry = Readonly<Record<string, Readonly<Record<number, Upcaster>>>>;

/** Every patient event is still at version 1: nothing to lift yet. */
export const PATIENT_UPCASTERS: UpcasterRegistry = {};

export function upcast(type: string, version: number, data: unknown, current: number, registry: UpcasterRegistry): unknown {
  if (version > current) {
    throw new Error(`${type} is stored at schema version ${version}, newer than this software reads (${current}): upgrade Cohort Chronicle`);
  }
  let lifted = data as Record<string, unknown>;
  for (let from = version; from < current; from++) {
    const upcaster = registry[type]?.[from];
    if (!upcaster) throw new Error(`no upcaster lifts ${type} from schema version ${from} to ${from + 1}`);
    lifted = upcaster(lifted);
  }
  return lifted;
}
