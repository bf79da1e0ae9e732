/** Where two JSON values first differ, as a JSON pointer. */
type Ev = Record<string, unknown>;

/** The pointer of the first place two JSON values differ ('' when the values themselves differ), or undefined when they are equal. */
export function firstDifference(a: unknown, b: unknown): string | undefined {
  if (a === b) return undefined;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return '';
  const array = Array.isArray(a);
  if (array !== Array.isArray(b)) return '';
  // The pointer is built only on the way back from a difference: equal values cost no strings.
  if (array) {
    const x = a as unknown[];
    const y = b as unknown[];
    for (let i = 0; i < x.length || i < y.length; i++) {
      const d = firstDifference(x[i], y[i]);
      if (d !== undefined) return `/${i}${d}`;
    }
    return undefined;
  }
  const x = a as Ev;
  const y = b as Ev;
  for (const k in x) {
    const d = hasOwn.call(y, k) ? firstDifference(x[k], y[k]) : '';
    if (d !== undefined) return `/${escape(k)}${d}`;
  }
  for (const k in y) if (!hasOwn.call(x, k)) return `/${escape(k)}`;
  return undefined;
}

const hasOwn = Object.prototype.hasOwnProperty;
const escape = (k: string) => (k.includes('~') || k.includes('/') ? k.replace(/~/g, '~0').replace(/\//g, '~1') : k);
