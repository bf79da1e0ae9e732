/**
 * `positional`: a validator takes its instance path as a plain second
 * argument instead of an options object (ajv passes
 * `{instancePath, parentData, parentDataProperty, rootData}` at every call
 * and destructures it at every entry; nothing but `instancePath` is read
 * with our options), and an error site passes its three fields to a helper
 * instead of spelling out the object. Less code to parse at import and one
 * allocation less per nested call.
 */
import { closing, objectFields } from './scan.js';

const sameKeys = (fields: Map<string, string>, keys: string[]) => fields.size === keys.length && keys.every((k) => fields.has(k));

const SIGNATURE = '(data, {instancePath="", parentData, parentDataProperty, rootData=data}={})';
const PUSH = '__push(vErrors, ';
/** Identifiers that only the options object carries; none may survive the positional rewrite. */
const OPTION_NAMES = /(?<![\w$.])(?:parentData|parentDataProperty|rootData)\b/;

/** The error-site helper that `positional` calls: builds the same object ajv would. */
export const ERROR_HELPER =
  'function __err(list, instancePath, keyword, params) { const err = { instancePath, keyword, params }; if (list === null) return [err]; list.push(err); return list; }';

/**
 * Positional instance paths and compact error sites. Returns the code
 * unchanged when ajv's output has a shape this does not know (then the
 * options object is still read somewhere).
 */
export function positional(code: string): string {
  let out = '';
  let last = 0;
  for (let i = code.indexOf('{instancePath'); i !== -1; i = code.indexOf('{instancePath', i + 1)) {
    if (i < last) continue;
    const end = closing(code, i);
    const fields = objectFields(code.slice(i + 1, end));
    if (!fields) continue;
    if (sameKeys(fields, ['instancePath', 'keyword', 'params']) && code.slice(i - PUSH.length, i) === PUSH && code[end + 1] === ')') {
      out += code.slice(last, i - PUSH.length) + `__err(vErrors, ${fields.get('instancePath')}, ${fields.get('keyword')}, ${fields.get('params')})`;
      last = end + 2;
    } else if (sameKeys(fields, ['instancePath', 'parentData', 'parentDataProperty', 'rootData'])) {
      out += code.slice(last, i) + fields.get('instancePath');
      last = end + 1;
    }
  }
  out += code.slice(last);
  out = out.split(SIGNATURE).join('(data, instancePath="")');
  return OPTION_NAMES.test(out.replace(/"(?:[^"\\]|\\.)*"/g, '""')) ? code : out;
}
