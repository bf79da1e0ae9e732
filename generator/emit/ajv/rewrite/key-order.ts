/** `keyOrder`: an allowed-names loop remembers the allowed name at each position. */

const NAMES_LOOP = /for\(const (key\d+) in (data\d*)\)\{if\(!\((__keys\d+)\.has\(\1\)\)\)\{(vErrors = __err\(vErrors, [^;]*, "additionalProperties", \{additionalProperty: \1\}\);errors\+\+;)\}\}/g;

/** For `keyOrder`: whether `key` is allowed; an allowed key is remembered at its position (the first 64). */
export const KNOWN_HELPER = 'function __known(set, order, i, key) { if (!set.has(key)) return false; if (i < 64) order[i] = key; return true; }';

/**
 * The names of a large object are tested against a Set (see pruneSchemas);
 * objects of one kind mostly list their names in the same order, so each
 * such loop remembers the allowed name last seen at each position and only
 * looks a name up when it differs (same answers: only allowed names are
 * remembered).
 */
export function keyOrder(code: string): string {
  let n = 0;
  const out = code.replace(NAMES_LOOP, (_all, key: string, data: string, set: string, error: string) => {
    const order = `__order${n++}`;
    return `{let __k = 0;for(const ${key} in ${data}){if(!(${key} === ${order}[__k] || __known(${set}, ${order}, __k, ${key}))){${error}}__k++;}}`;
  });
  return Array.from({ length: n }, (_, i) => `const __order${i} = [];`).join('') + out;
}
