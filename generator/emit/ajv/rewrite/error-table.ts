/**
 * `errorTable`: the last rewrite of ajv's standalone output (see
 * index.ts). Most error sites report a fixed keyword with fixed params:
 * `__err(vErrors, path, "type", {type: "string"})` appears hundreds of
 * times. Each distinct (keyword, params) pair becomes one module constant,
 * and the site passes it instead, so the module holds far less code for V8
 * to parse at import. One constant per pair, not one shared table, so a
 * bundle that keeps one validator keeps only the pairs it reports. The
 * error objects are the same as before (checked by the differential tests);
 * the params objects of fixed sites are shared between errors, so they are
 * frozen when first reported (nothing runs for them at import), once: the
 * entry then gains a third slot, so later reports skip `Object.freeze` (a
 * call into the runtime for each error, about a fifth of `JSON.parse` on an
 * event with nine missing properties).
 *
 * A site whose params read a local (`{additionalProperty: key0}`,
 * `{tagValue: tag0}`...) stays as it is.
 */

/** Builds an error from an entry `[keyword, params]`; the entries are declared at the end of the module. */
export const ERROR_AT_HELPER =
  'function __errAt(list, instancePath, e) { if (e.length === 2) { Object.freeze(e[1]); e.push(0); } const err = { instancePath, keyword: e[0], params: e[1] }; if (list === null) return [err]; list.push(err); return list; }';

const STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const NUMBER = String.raw`-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?`;
/** A params object whose values are literals or module-level schema constants only. */
const FIXED_PARAMS = new RegExp(String.raw`\{(?:\w+: (?:${STRING}|${NUMBER}|true|false|null|__schema\d+)(?:, \w+: (?:${STRING}|${NUMBER}|true|false|null|__schema\d+))*)?\}`);
/** An error site as `positional` writes it: the path expression holds no comma outside a string. */
const SITE = new RegExp(String.raw`__err\(vErrors, ((?:${STRING}|[^,"()])+), (${STRING}), (${FIXED_PARAMS.source})\)`, 'g');

export function errorTable(code: string): string {
  const index = new Map<string, number>();
  const keywords: string[] = [];
  const params: string[] = [];
  const out = code.replace(SITE, (_all, path: string, keyword: string, p: string) => {
    const key = `${keyword} ${p}`;
    let k = index.get(key);
    if (k === undefined) {
      k = keywords.length;
      index.set(key, k);
      keywords.push(keyword);
      params.push(p);
    }
    return `__errAt(vErrors, ${path}, __e${k})`;
  });
  if (keywords.length === 0) return code;
  return `${out}\n${keywords.map((kw, k) => `const __e${k} = [${kw}, ${params[k]}];`).join('')}\n`;
}
