/**
 * JSON with object keys sorted at every depth: one byte sequence per value. Every event of the log is
 * hashed through it, so it builds one string without intermediate arrays (the default sort orders by
 * UTF-16 code units, as `<` does) and quotes each key name once. Its output is fixed: hashChain.spec
 * checks it against the first, plainer version on random values, since a changed byte breaks every chain.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      if (i in value) out += canonicalJson(value[i]); // a hole stays empty, as join() leaves it
    }
    return `${out}]`;
  }
  return canonicalObject(value as Record<string, unknown>, Object.keys(value).sort());
}

/** The object's fields named by `keys` (sorted as canonicalJson sorts them), undefined ones left out. */
function canonicalObject(value: Record<string, unknown>, keys: readonly string[]): string {
  let out = '{';
  for (const key of keys) {
    const v = value[key];
    if (v === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${quoted(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

/** Key names recur in every event (a few dozen names in all): quote each once. Bounded, so odd keys cannot grow it. */
const quotedKeys = new Map<string, string>();
function quoted(key: string): string {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (quotedKeys.size < 4096) quotedKeys.set(key, q);
  }
  return q;
}

