/**
 * A deterministic value for a JSON Schema: what the mock server puts in a
 * function call's `arguments` (from the tool's `parameters`) and in a
 * structured-output answer (from `text.format.schema`). The same schema
 * always gives the same value. It follows const, enum, type, required and
 * properties, items with minItems/maxItems, the bounds of numbers and
 * lengths, anyOf/oneOf (first branch that is not null), allOf (merged), and
 * local `$ref`s (`#/$defs/...`, `#/definitions/...`). `pattern` is not
 * honoured: strings are readable words.
 */
type Schema = Record<string, unknown> | boolean;
type Json = Record<string, unknown>;

const MAX_DEPTH = 8;
const FORMATS: Record<string, string> = {
  'date-time': '2026-01-01T00:00:00Z',
  date: '2026-01-01',
  time: '00:00:00Z',
  email: 'someone@example.com',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  uuid: '00000000-0000-4000-8000-000000000000',
};

export function sampleValue(schema: unknown, root: unknown = schema, name = 'value', depth = 0): unknown {
  if (schema === true || schema === undefined) return name === 'value' ? {} : `sample ${name}`;
  if (schema === false || schema === null || typeof schema !== 'object') return null;
  const s = schema as Json;
  if (depth > MAX_DEPTH) return null;
  if (typeof s.$ref === 'string') return sampleValue(resolveRef(s.$ref, root), root, name, depth + 1);
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if (Array.isArray(s.allOf)) return s.allOf.reduce<unknown>((acc, part) => merge(acc, sampleValue(part, root, name, depth + 1)), undefined) ?? {};
  for (const k of ['anyOf', 'oneOf'] as const) {
    const branches = s[k];
    if (Array.isArray(branches) && branches.length > 0) {
      const pick = branches.find((b) => !(b && typeof b === 'object' && (b as Json).type === 'null')) ?? branches[0];
      return sampleValue(pick, root, name, depth + 1);
    }
  }
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== 'null') ?? 'null') : s.type ?? (s.properties ? 'object' : s.items ? 'array' : undefined);
  switch (type) {
    case 'object':
      return sampleObject(s, root, depth);
    case 'array': {
      const min = Math.max(Number(s.minItems ?? 1), 1);
      const count = typeof s.maxItems === 'number' ? Math.min(min, s.maxItems) : min;
      return Array.from({ length: count }, () => sampleValue(s.items ?? true, root, name, depth + 1));
    }
    case 'string':
      return sampleString(s, name);
    case 'integer':
    case 'number':
      return sampleNumber(s, type === 'integer');
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return `sample ${name}`;
  }
}

function sampleObject(s: Json, root: unknown, depth: number): Json {
  const out: Json = {};
  const props = (s.properties ?? {}) as Record<string, Schema>;
  for (const [k, v] of Object.entries(props)) out[k] = sampleValue(v, root, k, depth + 1);
  for (const k of (s.required ?? []) as string[]) if (!(k in out)) out[k] = `sample ${k}`;
  return out;
}

function sampleString(s: Json, name: string): string {
  if (typeof s.format === 'string' && FORMATS[s.format]) return FORMATS[s.format];
  let text = `sample ${name}`;
  const min = Number(s.minLength ?? 0);
  while (text.length < min) text += ' more';
  return typeof s.maxLength === 'number' ? text.slice(0, s.maxLength) : text;
}

function sampleNumber(s: Json, integer: boolean): number {
  let n = 1;
  if (typeof s.minimum === 'number') n = Math.max(n, s.minimum);
  if (typeof s.exclusiveMinimum === 'number') n = Math.max(n, s.exclusiveMinimum + (integer ? 1 : 0.5));
  if (typeof s.maximum === 'number') n = Math.min(n, s.maximum);
  if (typeof s.exclusiveMaximum === 'number' && n >= s.exclusiveMaximum) n = s.exclusiveMaximum - (integer ? 1 : 0.5);
  if (typeof s.multipleOf === 'number' && s.multipleOf > 0) n = Math.ceil(n / s.multipleOf) * s.multipleOf;
  return integer ? Math.ceil(n) : n;
}

function resolveRef(ref: string, root: unknown): unknown {
  if (!ref.startsWith('#')) return true;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node as object, key)) return true;
    node = (node as Json)[key];
  }
  return node;
}

function merge(a: unknown, b: unknown): unknown {
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) return { ...(a as Json), ...(b as Json) };
  return b === undefined ? a : b;
}
