/**
 * Source-level rewrites of ajv's standalone output that keep every verdict
 * and every error object as they are (checked by the differential tests):
 *
 * - `positional`: a validator takes its instance path as a plain second
 *   argument instead of an options object (ajv passes
 *   `{instancePath, parentData, parentDataProperty, rootData}` at every call
 *   and destructures it at every entry; nothing but `instancePath` is read
 *   with our options), and an error site passes its three fields to a helper
 *   instead of spelling out the object. Less code to parse at import and
 *   one allocation less per nested call.
 * - `dedupe`: ajv compiles a schema once per place it is reached from, so
 *   many functions (and schema constants) come out identical apart from
 *   their own name. Identical ones are merged, repeatedly, since merging
 *   makes their callers identical too.
 * - `skipNullBranches`: a nullable union checks its other branch only for a
 *   value that is not null.
 * - `enumSets` / `tagSwitches`: long chains of string comparisons (a union's
 *   known tags, its dispatch) become one Set or Map lookup.
 * - `pruneSchemas`: of ajv's schema constants only the values read remain,
 *   and a large object's allowed-names test is a Set lookup.
 * - `keyOrder`: that names loop remembers the allowed name at each position.
 *
 * `REWRITES` in compile.ts runs them, with the rewrites kept in their own
 * files (tag-checks.ts, nullable.ts, error-table.ts), in one stated order;
 * the tests check the result against `ajv.compile`, errors included.
 *
 * ajv's output is regular: strings are double-quoted, and its only regular
 * expression literals (`/~/g`, `/\//g`) hold no quote or bracket, so a scan
 * that skips strings and counts brackets finds every expression's end.
 */

/** Index just past the double-quoted string that starts at `i`. */
export function skipString(code: string, i: number): number {
  for (let j = i + 1; j < code.length; j++) {
    const c = code.charCodeAt(j);
    if (c === 92) j++; // backslash
    else if (c === 34) return j + 1; // closing quote
  }
  throw new Error('unterminated string in ajv output');
}

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);

/** Index of the bracket that closes the one at `i`. */
export function closing(code: string, i: number): number {
  let depth = 0;
  for (let j = i; j < code.length; j++) {
    const c = code[j];
    if (c === '"') {
      j = skipString(code, j) - 1;
      continue;
    }
    if (OPEN.has(c)) depth++;
    else if (CLOSE.has(c) && --depth === 0) return j;
  }
  throw new Error('unbalanced brackets in ajv output');
}

/** Splits `code` at its top-level commas. */
function splitCommas(code: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let j = 0; j < code.length; j++) {
    const c = code[j];
    if (c === '"') j = skipString(code, j) - 1;
    else if (OPEN.has(c)) depth++;
    else if (CLOSE.has(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(code.slice(start, j));
      start = j + 1;
    }
  }
  parts.push(code.slice(start));
  return parts;
}

/** `{a, b:expr, ...}` (the text between the braces) as key -> value text; a shorthand `a` is `a`. */
function objectFields(inner: string): Map<string, string> | undefined {
  const fields = new Map<string, string>();
  for (const part of splitCommas(inner)) {
    const m = /^\s*([A-Za-z_$][\w$]*)\s*(?::([\s\S]*))?$/.exec(part);
    if (!m) return undefined;
    fields.set(m[1], m[2] === undefined ? m[1] : m[2].trim());
  }
  return fields;
}

const sameKeys = (fields: Map<string, string>, keys: string[]) => fields.size === keys.length && keys.every((k) => fields.has(k));

const SIGNATURE = '(data, {instancePath="", parentData, parentDataProperty, rootData=data}={})';
const PUSH = '__push(vErrors, ';
/** Identifiers that only the options object carries; none may survive the positional rewrite. */
const OPTION_NAMES = /\b(?:parentData|parentDataProperty|rootData)\b/;

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

interface Segment {
  text: string;
  /** `validateN` for a function declaration, `schemaN` for a schema constant. */
  name?: string;
  kind?: 'function' | 'schema';
  removed?: boolean;
}

/** Top-level statements of standalone code: function declarations and `const`/`export const` statements. */
function segments(code: string): Segment[] {
  const out: Segment[] = [];
  let start = 0;
  let depth = 0;
  const cut = (j: number) => {
    if (j > start) out.push({ text: code.slice(start, j) });
    start = j;
  };
  for (let j = 0; j < code.length; j++) {
    const c = code[j];
    if (c === '"') {
      j = skipString(code, j) - 1;
    } else if (OPEN.has(c)) depth++;
    else if (CLOSE.has(c)) depth--;
    else if (depth === 0 && (code.startsWith('function ', j) || code.startsWith('const ', j) || code.startsWith('export const ', j))) {
      if (j === 0 || /[;}\s]/.test(code[j - 1])) cut(j);
      if (code.startsWith('export const ', j)) j += 'export const'.length;
    }
  }
  cut(code.length);
  for (const s of out) {
    const f = /^function (validate\d+)\(/.exec(s.text);
    const k = /^const (schema\d+) = /.exec(s.text);
    if (f) Object.assign(s, { name: f[1], kind: 'function' });
    else if (k && s.text.trimEnd().endsWith(';')) Object.assign(s, { name: k[1], kind: 'schema' });
  }
  return out;
}

const IDS = /"(?:[^"\\]|\\.)*"|\b(?:validate|schema)\d+\b/g;
const renameIds = (code: string, map: Map<string, string>) => code.replace(IDS, (m) => (m[0] === '"' ? m : (map.get(m) ?? m)));

/** Merges functions and schema constants that are identical apart from their own name. */
export function dedupe(code: string): string {
  const segs = segments(code);
  for (;;) {
    const first = new Map<string, string>();
    const rename = new Map<string, string>();
    for (const s of segs) {
      if (!s.kind || s.removed) continue;
      const self = new Map([[s.name!, s.kind === 'function' ? 'validate$' : 'schema$']]);
      const key = `${s.kind}\u0000${renameIds(s.text, self)}`;
      const canonical = first.get(key);
      if (canonical === undefined) first.set(key, s.name!);
      else {
        rename.set(s.name!, canonical);
        s.removed = true;
      }
    }
    if (rename.size === 0) break;
    for (const s of segs) if (!s.removed) s.text = renameIds(s.text, rename);
  }
  return segs
    .filter((s) => !s.removed)
    .map((s) => s.text)
    .join('');
}

const ANY_OF_START = /const (_errs\d+) = errors;let (valid\d+) = false;const (_errs\d+) = errors;/g;

/**
 * `anyOf: [X, {type: 'null'}]` (how the specs write "nullable"): ajv checks a
 * null against X first, collects X's errors and then drops them when the
 * null branch passes. A null always passes that union whatever X says, so X
 * is only checked when the value is not null; verdicts and errors are the
 * same, without the wasted work.
 */
export function skipNullBranches(code: string): string {
  let out = '';
  let last = 0;
  for (const m of code.matchAll(ANY_OF_START)) {
    const start = m.index! + m[0].length;
    if (start <= last) continue;
    const [, , valid, errsB] = m;
    const endMarker = ` = ${errsB} === errors;`;
    const end = code.indexOf(endMarker, start);
    if (end === -1) continue;
    const varStart = code.lastIndexOf('var ', end);
    const validVar = code.slice(varStart + 4, end);
    if (!/^_valid\d+$/.test(validVar)) continue;
    const branch = code.slice(start, varStart);
    if (!balanced(branch)) continue;
    const tail = new RegExp(
      `^var ${validVar} = ${errsB} === errors;${valid} = ${valid} \\|\\| ${validVar};if\\(!${valid}\\)\\{const (_errs\\d+) = errors;if\\((data\\d*) !== null\\)\\{vErrors = __err\\(vErrors, [^;]*?, "type", \\{type: "null"\\}\\);errors\\+\\+;\\}var ${validVar} = \\1 === errors;${valid} = ${valid} \\|\\| ${validVar};\\}if\\(!${valid}\\)`,
    );
    const t = tail.exec(code.slice(varStart, varStart + 600));
    if (!t) continue;
    out += code.slice(last, start) + `if(${t[2]} !== null){${skipNullBranches(branch)}}`;
    last = varStart;
  }
  return out + code.slice(last);
}

/** Whether brackets balance in `code` (strings skipped). */
function balanced(code: string): boolean {
  let depth = 0;
  for (let j = 0; j < code.length; j++) {
    const c = code[j];
    if (c === '"') j = skipString(code, j) - 1;
    else if (OPEN.has(c)) depth++;
    else if (CLOSE.has(c) && --depth < 0) return false;
  }
  return depth === 0;
}

const STR = '"(?:[^"\\\\]|\\\\.)*"';
/** ajv's test of a closed enum of strings: `((x === "a") || (x === "b")) || (x === "c")`, nested left to right. */
const ENUM_CHAIN = new RegExp(`\\(+((?:data|tag)\\d*) === (${STR})\\)((?: \\|\\| \\(\\1 === ${STR}\\)\\))+)`, 'g');
const ENUM_ITEM = new RegExp(` \\|\\| \\((?:data|tag)\\d* === (${STR})\\)\\)`, 'g');

/** Chains longer than this become one lookup in a Set (the union of every stream event type has 60). */
const SET_MIN = 12;

/**
 * A long chain of string comparisons (a tag's enum of known values) becomes
 * `set.has(x)`: the same answer for every value (strict equality and Set
 * membership agree on strings, and a non-string is in neither), in one hash
 * lookup instead of up to 60 comparisons. The sets are made once, at the top.
 */
export function enumSets(code: string): string {
  const sets = new Map<string, string>();
  const out = code.replace(ENUM_CHAIN, (all, x: string, first: string, rest: string) => {
    const items = [first, ...[...rest.matchAll(ENUM_ITEM)].map((m) => m[1])];
    const opening = all.indexOf(x) - 1;
    // Exactly one opening parenthesis per item: the chain is whole, not the tail of a longer expression.
    if (items.length < SET_MIN || opening !== items.length - 1) return all;
    const list = `[${items.join(',')}]`;
    let name = sets.get(list);
    if (!name) sets.set(list, (name = `__enum${sets.size}`));
    return `${name}.has(${x})`;
  });
  if (sets.size === 0) return code;
  return [...sets].map(([list, name]) => `const ${name} = new Set(${list});`).join('') + out;
}

const TAG_TEST = new RegExp(`if\\((tag\\d+) === (${STR})\\)\\{`, 'y');

/**
 * ajv dispatches on a tag with `if (tag === "a") {...} else if (tag === "b")
 * {...} ... else {...}`: up to 60 comparisons for the last event type. A
 * long chain becomes a switch on the tag's index in a Map (one lookup and a
 * jump); each branch and the final `else` run exactly as before.
 */
export function tagSwitches(code: string): string {
  const maps = new Map<string, string>();
  const rewrite = (text: string): string => {
    let out = '';
    let last = 0;
    for (let i = text.indexOf('if(tag'); i !== -1; i = text.indexOf('if(tag', i + 1)) {
      // Inside a chain already rewritten, or the tail of a chain too short to rewrite.
      if (i < last || text.slice(i - 5, i) === 'else ') continue;
      const cases: Array<{ tag: string; body: string }> = [];
      let tagVar: string | undefined;
      let fallback: string | undefined;
      let j = i;
      for (;;) {
        TAG_TEST.lastIndex = j;
        const m = TAG_TEST.exec(text);
        if (!m || (tagVar !== undefined && m[1] !== tagVar)) break;
        tagVar = m[1];
        const open = j + m[0].length - 1;
        const close = closing(text, open);
        cases.push({ tag: m[2], body: text.slice(open + 1, close) });
        j = close + 1;
        if (text.startsWith('else if(tag', j)) {
          j += 'else '.length;
          continue;
        }
        if (text.startsWith('else {', j)) {
          const open2 = j + 'else '.length;
          const close2 = closing(text, open2);
          fallback = text.slice(open2 + 1, close2);
          j = close2 + 1;
        }
        break;
      }
      const tags = cases.map((c) => c.tag);
      // A chain that stopped early (another test after an `else`) is left as it is, as are short chains and repeated tags.
      if (cases.length < SET_MIN || new Set(tags).size !== tags.length || text.startsWith('else', j)) continue;
      const list = `[${tags.map((t, k) => `[${t},${k}]`).join(',')}]`;
      let name = maps.get(list);
      if (!name) maps.set(list, (name = `__tags${maps.size}`));
      const body = cases.map((c, k) => `case ${k}:{${rewrite(c.body)}}break;`).join('') + (fallback !== undefined ? `default:{${rewrite(fallback)}}` : '');
      out += text.slice(last, i) + `switch(${name}.get(${tagVar})){${body}}`;
      last = j;
    }
    return out + text.slice(last);
  };
  const out = rewrite(code);
  return [...maps].map(([list, name]) => `const ${name} = new Map(${list});`).join('') + out;
}

const SCHEMA_REF = /"(?:[^"\\]|\\.)*"|\b(schema\d+)((?:\.[A-Za-z_$][\w$]*|\[\d+\])*)/g;
const PATH_STEP = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]/g;
const HAS_OWN_CALL = /\b(func\d+)\.call\((schema\d+)((?:\.[A-Za-z_$][\w$]*|\[\d+\])*), (key\d+)\)/g;

/**
 * ajv keeps every compiled schema as a constant, only to read a few values
 * from it (a tag's enum for an error's `allowedValues`, a properties object
 * to test names against). Those top-level literals are parsed and built at
 * import; this keeps only the values read, one constant per distinct value.
 * A constant read as a whole, or through a path that is not plain data,
 * stays as it is.
 */
export function pruneSchemas(code: string): string {
  const segs = segments(code);
  const schemas = new Map<string, unknown>();
  for (const s of segs) {
    if (s.kind !== 'schema') continue;
    const literal = s.text.slice(s.text.indexOf(' = ') + 3, s.text.trimEnd().length - 1);
    try {
      schemas.set(s.name!, JSON.parse(literal));
    } catch {
      // Not JSON: left alone.
    }
  }
  const values = new Map<string, string>();
  const keep = new Set<string>();
  // `hasOwnProperty.call(schema.properties, key)` (ajv's test for an allowed name when there are many) is a Set lookup:
  // the names are the object's own keys, as its literal would make them (a literal's `__proto__` is no own key).
  const hasOwn = new Set([...code.matchAll(/const (func\d+) = Object\.prototype\.hasOwnProperty;/g)].map((m) => m[1]));
  const keySets = new Map<string, string>();
  const ownKeys = (text: string) =>
    text.replace(HAS_OWN_CALL, (all, fn: string, name: string, path: string, key: string) => {
      let node = hasOwn.has(fn) ? schemas.get(name) : undefined;
      for (const m of path.matchAll(PATH_STEP)) {
        const step = m[1] ?? Number(m[2]);
        node = node !== null && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, step) ? (node as Record<string | number, unknown>)[step] : undefined;
      }
      if (node === null || typeof node !== 'object' || Array.isArray(node)) return all;
      const list = JSON.stringify(Object.keys(node).filter((k) => k !== '__proto__'));
      let set = keySets.get(list);
      if (!set) keySets.set(list, (set = `__keys${keySets.size}`));
      return `${set}.has(${key})`;
    });
  const rewrite = (text: string) =>
    ownKeys(text).replace(SCHEMA_REF, (all, name: string | undefined, path: string) => {
      if (!name || !schemas.has(name)) return all;
      let node = schemas.get(name);
      let used = 0;
      for (const m of path.matchAll(PATH_STEP)) {
        const key = m[1] ?? Number(m[2]);
        const plain = Array.isArray(node) ? typeof key === 'number' && key < node.length : node !== null && typeof node === 'object' && typeof key === 'string' && Object.prototype.hasOwnProperty.call(node, key);
        if (!plain) break;
        const next = (node as Record<string | number, unknown>)[key];
        if (next === null || typeof next !== 'object') break;
        node = next;
        used += m[0].length;
      }
      if (used === 0) {
        keep.add(name);
        return all;
      }
      const json = JSON.stringify(node);
      let constant = values.get(json);
      if (!constant) values.set(json, (constant = `__schema${values.size}`));
      return constant + path.slice(used);
    });
  const body = segs
    .map((s) => (s.kind === 'schema' ? s : { ...s, text: rewrite(s.text) }))
    .filter((s) => s.kind !== 'schema' || keep.has(s.name!) || !schemas.has(s.name!))
    .map((s) => s.text)
    .join('');
  return [...keySets].map(([list, name]) => `const ${name} = new Set(${list});`).join('') + [...values].map(([json, name]) => `const ${name} = ${json};`).join('') + body;
}

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
