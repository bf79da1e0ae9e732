/**
 * The two ajv runtime helpers that generated standalone validators use,
 * as ESM (ajv's own are CommonJS and would need `require`).
 */

const HIGH_SURROGATE = /[\uD800-\uDBFF]/;

/**
 * Length of a string in Unicode code points (JSON Schema counts characters, not UTF-16 units).
 * No allocation, and no per-character work before the first high surrogate: V8 answers the
 * search at once for a one-byte string (which holds none) and scans others natively, so a
 * 40 MB string over its `maxLength` costs a scan, not an array of 40 million characters.
 */
export function ucs2length(str: string): number {
  let pos = str.search(HIGH_SURROGATE);
  if (pos === -1) return str.length;
  const len = str.length;
  let length = pos;
  while (pos < len) {
    length++;
    const unit = str.charCodeAt(pos++);
    if (unit >= 0xd800 && unit <= 0xdbff && pos < len && (str.charCodeAt(pos) & 0xfc00) === 0xdc00) pos++;
  }
  return length;
}

/** Deep equality of JSON values (for `enum`/`const` of objects and `uniqueItems`). */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (Array.isArray(a)) {
      const bb = b as unknown[];
      if (a.length !== bb.length) return false;
      for (let i = 0; i < a.length; i++) if (!equal(a[i], bb[i])) return false;
      return true;
    }
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) {
      if (!Object.prototype.hasOwnProperty.call(b, k) || !equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
    }
    return true;
  }
  return a !== a && b !== b;
}
