/**
 * Guards shared by the statistics: every public function validates its input with these and throws
 * a `RangeError` whose message names the argument and the first offending position, so that a
 * caller (HTTP, CLI) can show it as is. Complexity O(n).
 */

export type Label = string | number;

export function assertNonEmpty(name: string, values: ArrayLike<unknown>): void {
  if (values.length === 0) throw new RangeError(`${name} is empty: at least one subject is needed`);
}

export function assertSameLength(names: string[], arrays: ArrayLike<unknown>[]): void {
  const n = arrays[0].length;
  arrays.forEach((values, i) => {
    if (values.length !== n) {
      throw new RangeError(
        `${names[i]} has ${values.length} values but ${names[0]} has ${n}: the lengths must be equal`,
      );
    }
  });
}

/** Finite and >= 0 (survival times, counts). */
export function assertNonNegativeTimes(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || Number.isNaN(v)) throw new RangeError(`${name}[${i}] is not a number`);
    if (!Number.isFinite(v)) throw new RangeError(`${name}[${i}] is not finite (${v})`);
    if (v < 0) throw new RangeError(`${name}[${i}] is negative (${v}): times must be >= 0`);
  }
}

/** Event indicator: 1 = event (death), 0 = censored. */
export function assertStatus(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== 0 && v !== 1) throw new RangeError(`${name}[${i}] is ${String(v)}: status must be 0 (censored) or 1 (event)`);
  }
}

export function assertFiniteNumbers(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`${name}[${i}] is not a finite number (${v})`);
  }
}

export function assertLabels(name: string, values: ArrayLike<Label>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const ok = (typeof v === 'string' && v !== '') || (typeof v === 'number' && Number.isFinite(v));
    if (!ok) throw new RangeError(`${name}[${i}] is not a usable group label (${String(v)})`);
  }
}

export function assertProbability(name: string, p: number, open = true): void {
  const ok = open ? p > 0 && p < 1 : p >= 0 && p <= 1;
  if (typeof p !== 'number' || !ok) {
    throw new RangeError(`${name} must be a probability in ${open ? '(0, 1)' : '[0, 1]'} (got ${p})`);
  }
}

/**
 * The distinct labels in R's factor order: numbers ascending when all labels are numbers, else
 * strings in code-point order (R sorts character levels in the session's collation; for ASCII labels
 * in the C locale that is the same order). Returns the levels and each value's level index.
 */
export function factorLevels(values: ArrayLike<Label>): { levels: string[]; index: Uint32Array } {
  const distinct = Array.from(new Set(Array.from(values)));
  const numeric = distinct.every((v) => typeof v === 'number');
  distinct.sort((a, b) =>
    numeric ? (a as number) - (b as number) : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0,
  );
  const position = new Map<Label, number>(distinct.map((v, i) => [v, i]));
  const index = new Uint32Array(values.length);
  for (let i = 0; i < values.length; i++) index[i] = position.get(values[i]) as number;
  return { levels: distinct.map(String), index };
}

/**
 * The common checks of right-censored survival data: non-empty, equal lengths, times finite and
 * >= 0, status 0/1, labels usable.
 */
export function assertSurvivalData(
  time: ArrayLike<number>,
  status: ArrayLike<number>,
  labelled: Record<string, ArrayLike<Label> | undefined> = {},
): void {
  assertNonEmpty('time', time);
  const names = ['time', 'status'];
  const arrays: ArrayLike<unknown>[] = [time, status];
  for (const [name, values] of Object.entries(labelled)) {
    if (values === undefined || values === null) continue;
    names.push(name);
    arrays.push(values);
  }
  assertSameLength(names, arrays);
  assertNonNegativeTimes('time', time);
  assertStatus('status', status);
  for (const [name, values] of Object.entries(labelled)) if (values !== undefined && values !== null) assertLabels(name, values);
}
