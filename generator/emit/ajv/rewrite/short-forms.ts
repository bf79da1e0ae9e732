/**
 * `shortForms`, after every other rewrite (see index.ts): phrases ajv
 * spells out hundreds of times become helper calls with the same meaning.
 *
 * - `data && typeof data == "object" && !Array.isArray(data)`, always a
 *   condition, becomes `__isObj(data)` (the same truth value).
 * - An unknown-property error site, `__err(vErrors, path,
 *   "additionalProperties", {additionalProperty: keyN})`, becomes
 *   `__extra(vErrors, path, keyN)`, which builds the same error.
 * - The integer test (`type: 'integer'` with `strictNumbers`),
 *   `((typeof d == "number") && (!(d % 1) && !isNaN(d))) && (isFinite(d))`,
 *   becomes `__isInt(d)`: `Number.isInteger` answers the same for every
 *   value (false for a non-number, NaN and the infinities; for a finite
 *   number, whether it has no fractional part, which is `!(d % 1)`).
 * - The number test, `(typeof d == "number") && (isFinite(d))`, becomes
 *   `__isNum(d)`, the same test in a function.
 *
 * The two number helpers are declared only where they are used.
 */

/** The helpers `shortForms` always calls. */
export const SHORT_FORM_HELPERS =
  'function __isObj(x) { return x !== null && typeof x == "object" && !Array.isArray(x); }\n' +
  'function __extra(list, instancePath, key) { const err = { instancePath, keyword: "additionalProperties", params: { additionalProperty: key } }; if (list === null) return [err]; list.push(err); return list; }';

/** The number helpers, each declared where it is called. */
export const NUMBER_HELPERS = {
  __isInt: 'function __isInt(x) { return Number.isInteger(x); }',
  __isNum: 'function __isNum(x) { return typeof x == "number" && isFinite(x); }',
};

const STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const OBJECT_TEST = /(?<![\w$."])(data\d*) && typeof \1 == "object" && !Array\.isArray\(\1\)/g;
const EXTRA_SITE = new RegExp(String.raw`__err\(vErrors, ((?:${STRING}|[^,"()])+), "additionalProperties", \{additionalProperty: (key\d+)\}\)`, 'g');
/**
 * The number tests, matched between a `(` and the `)` that closes it (the match is balanced), so the
 * expression replaced is all that those brackets hold, whether they group it, are an `if`'s or a call's.
 */
const INTEGER_TEST = /(?<=\()\(\(typeof (data\d*) == "number"\) && \(!\(\1 % 1\) && !isNaN\(\1\)\)\) && \(isFinite\(\1\)\)(?=\))/g;
const NUMBER_TEST = /(?<=\()\(typeof (data\d*) == "number"\) && \(isFinite\(\1\)\)(?=\))/g;

export function shortForms(code: string): string {
  const used: string[] = [];
  const out = code
    .replace(OBJECT_TEST, '__isObj($1)')
    .replace(EXTRA_SITE, '__extra(vErrors, $1, $2)')
    .replace(INTEGER_TEST, (_all, d: string) => (used.includes('__isInt') || used.push('__isInt'), `__isInt(${d})`))
    .replace(NUMBER_TEST, (_all, d: string) => (used.includes('__isNum') || used.push('__isNum'), `__isNum(${d})`));
  return used.length === 0 ? out : `${used.map((h) => NUMBER_HELPERS[h as keyof typeof NUMBER_HELPERS]).join('\n')}\n${out}`;
}
