/**
 * The schema data's text (`generated/<spec>/schemas.js` and the open
 * variants written inside a guard): JSON in which the keywords a schema
 * uses most are written as one letter, `SHORT_KEYWORDS` (a fifth of the
 * data's bytes). A keyword is never one letter, so a key of one letter in a
 * schema's place is always a short form; the names inside `properties` are
 * never shortened. Read back once per component, on its first check (the
 * guard, guard.ts) or tolerant derivation (tolerant-schemas.ts).
 *
 * The generator writes the same table (generator/emit/ajv/short-keywords.ts);
 * test/validation/schema-text.test.ts holds the two equal.
 */

/** Short form -> keyword. */
export const SHORT_KEYWORDS: Readonly<Record<string, string>> = Object.freeze({
  t: 'type',
  p: 'properties',
  a: 'additionalProperties',
  e: 'enum',
  r: 'required',
  A: 'allOf',
  n: 'anyOf',
  o: 'oneOf',
  i: 'items',
  d: 'discriminator',
  c: 'const',
});

const KEYWORD = new Map(Object.entries(SHORT_KEYWORDS));
/** Keywords whose value is one subschema, and those whose value is a list of them. */
const ONE_SCHEMA = new Set(['items', 'additionalProperties', 'unevaluatedProperties', 'contains', 'propertyNames', 'not', 'if', 'then', 'else']);
const SCHEMA_LIST = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

/** Sets an own property, `__proto__` included (an assignment would set the prototype). */
function put(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

/** A schema read back from its data: short keywords spelt out, keyword order kept. Anything but an object stays as it is. */
export function expandSchema(s: unknown): unknown {
  if (s === null || typeof s !== 'object' || Array.isArray(s)) return s;
  const src = s as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(src)) {
    const name = KEYWORD.get(k) ?? k;
    let v = src[k];
    if (name === 'properties' && v !== null && typeof v === 'object') {
      const props = v as Record<string, unknown>;
      for (const p of Object.keys(props)) put(props, p, expandSchema(props[p]));
    } else if (ONE_SCHEMA.has(name)) v = expandSchema(v);
    else if (SCHEMA_LIST.has(name) && Array.isArray(v)) v = v.map(expandSchema);
    put(out, name, v);
  }
  return out;
}

/** The schema a data text holds. */
export function parseSchemaText(text: string): unknown {
  return expandSchema(JSON.parse(text));
}
