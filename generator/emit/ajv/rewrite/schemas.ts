/**
 * `pruneSchemas`: of ajv's schema constants only the values read remain,
 * and a large object's allowed-names test is a Set lookup.
 */
import { NO_MASK, type LiteralTable } from './literals.js';
import { segments } from './scan.js';

/** A literal (skipped whole), or a read of a schema constant (never a property `data.schema1`: that follows a `.`). */
const SCHEMA_REF = /"(?:[^"\\]|\\.)*"|(?<![\w$.])(schema\d+)((?:\.[A-Za-z_$][\w$]*|\[\d+\])*)/g;
const PATH_STEP = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]/g;
const HAS_OWN_CALL = /(?<![\w$.])(func\d+)\.call\((schema\d+)((?:\.[A-Za-z_$][\w$]*|\[\d+\])*), (key\d+)\)/g;

/**
 * ajv keeps every compiled schema as a constant, only to read a few values
 * from it (a tag's enum for an error's `allowedValues`, a properties object
 * to test names against). Those top-level literals are parsed and built at
 * import; this keeps only the values read, one constant per distinct value.
 * A constant read as a whole, or through a path that is not plain data,
 * stays as it is.
 */
export function pruneSchemas(code: string, literals: LiteralTable = NO_MASK): string {
  const segs = segments(code);
  const schemas = new Map<string, unknown>();
  for (const s of segs) {
    if (s.kind !== 'schema') continue;
    const literal = s.text.slice(s.text.indexOf(' = ') + 3, s.text.trimEnd().length - 1);
    try {
      schemas.set(s.name!, JSON.parse(literals.unmask(literal)));
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
  // The values read are schema text again: masked like every other literal until the rewrites are done.
  return [...keySets].map(([list, name]) => `const ${name} = /* @__PURE__ */ new Set(${literals.mask(list)});`).join('') + [...values].map(([json, name]) => `const ${name} = ${literals.mask(json)};`).join('') + body;
}
