/**
 * `shortForms`, after every other rewrite (see index.ts): two phrases ajv
 * spells out hundreds of times become helper calls with the same meaning.
 *
 * - `data && typeof data == "object" && !Array.isArray(data)`, always a
 *   condition, becomes `__isObj(data)` (the same truth value).
 * - An unknown-property error site, `__err(vErrors, path,
 *   "additionalProperties", {additionalProperty: keyN})`, becomes
 *   `__extra(vErrors, path, keyN)`, which builds the same error.
 */

/** The helpers `shortForms` calls. */
export const SHORT_FORM_HELPERS =
  'function __isObj(x) { return x !== null && typeof x == "object" && !Array.isArray(x); }\n' +
  'function __extra(list, instancePath, key) { const err = { instancePath, keyword: "additionalProperties", params: { additionalProperty: key } }; if (list === null) return [err]; list.push(err); return list; }';

const STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const OBJECT_TEST = /(?<![\w$."])(data\d*) && typeof \1 == "object" && !Array\.isArray\(\1\)/g;
const EXTRA_SITE = new RegExp(String.raw`__err\(vErrors, ((?:${STRING}|[^,"()])+), "additionalProperties", \{additionalProperty: (key\d+)\}\)`, 'g');

export function shortForms(code: string): string {
  return code.replace(OBJECT_TEST, '__isObj($1)').replace(EXTRA_SITE, '__extra(vErrors, $1, $2)');
}
