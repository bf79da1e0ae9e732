/**
 * Turns ajv's raw errors into issues a person can act on: a JSON pointer into
 * the value, the failing keyword, and a sentence saying what was expected
 * and what was found. Wrapper errors (`if`, a union's "no branch matched"
 * when a branch said more) are folded away.
 */

export interface Issue {
  /** JSON pointer into the validated value ('' is the value itself). */
  pointer: string;
  keyword: string;
  message: string;
}

export interface RawError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

const esc = (s: string) => (s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s);

function at(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.includes('~') ? raw.replace(/~1/g, '/').replace(/~0/g, '~') : raw;
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** "number 42", "string \"abc\"", "null", "an object", ... */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 60 ? value.slice(0, 57) + '...' : value)}`;
  return `${typeof value} ${String(value)}`;
}

/**
 * Texts made from a schema's list of allowed values. The lists are the validators' own
 * constants, shared by every error that names them, so each text is made once: a stream
 * whose events all carry a tag the spec does not know would otherwise rebuild the same
 * sentence of sixty names for every event.
 */
const listTexts = new WeakMap<unknown[], string>();
const joinedTexts = new WeakMap<unknown[], string>();

/** How many allowed values an enum sentence names before it says how many there are in all. */
const LIST_MAX = 12;

/** The text `make` gives for a list, made once per list. */
function textOf(cache: WeakMap<unknown[], string>, values: unknown[], make: (values: unknown[]) => string): string {
  let text = cache.get(values);
  if (text === undefined) cache.set(values, (text = make(values)));
  return text;
}

const list = (values: unknown[]) =>
  textOf(listTexts, values, (v) => v.slice(0, LIST_MAX).map((x) => (typeof x === 'string' ? `'${x}'` : JSON.stringify(x))).join(', ') + (v.length > LIST_MAX ? `, ... (${v.length} in all)` : ''));

const joined = (values: unknown[]) => textOf(joinedTexts, values, (v) => v.join(', '));

const typeName = (t: unknown) => (Array.isArray(t) ? t.join(' or ') : String(t)).replace(/,/g, ' or ');

function sentence(e: RawError, value: unknown, tolerant: boolean): string {
  const p = e.params;
  switch (e.keyword) {
    case 'type': {
      // Tolerant schemas admit null everywhere (null is only a warning), so it is no news in an error.
      const types = String(p.type).split(',').filter((t) => !(tolerant && t === 'null'));
      return `expected ${typeName(types.join(',') || p.type)}, found ${describe(value)}`;
    }
    case 'enum':
      return `expected one of ${list(p.allowedValues as unknown[])}, found ${describe(value)}`;
    case 'const':
      return `expected ${JSON.stringify(p.allowedValue)}, found ${describe(value)}`;
    case 'minLength':
    case 'maxLength':
      return `expected ${e.keyword === 'minLength' ? 'at least' : 'at most'} ${p.limit} characters, found ${typeof value === 'string' ? [...value].length : describe(value)}`;
    case 'minItems':
    case 'maxItems':
      return `expected ${e.keyword === 'minItems' ? 'at least' : 'at most'} ${p.limit} items, found ${Array.isArray(value) ? value.length : describe(value)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `expected a number ${p.comparison} ${p.limit}, found ${describe(value)}`;
    case 'pattern':
      return `expected a string matching /${p.pattern}/, found ${describe(value)}`;
    case 'anyOf':
    case 'oneOf':
      return `expected one of the allowed shapes, found ${describe(value)}`;
    case 'false schema':
      return `not allowed here, found ${describe(value)}`;
    default:
      return `failed '${e.keyword}' ${JSON.stringify(p)}, found ${describe(value)}`;
  }
}

/** Issues for the raw errors of one validation of `root`. */
export function toIssues(raw: readonly RawError[] | null | undefined, root: unknown, tolerant = false): Issue[] {
  if (!raw || raw.length === 0) return [];
  const out: Issue[] = [];
  // Most results hold one or two findings: the sets and maps below are made only when needed.
  let seen: Map<string, Issue[]> | undefined;
  // Unknown tags: ajv reports the discriminator mapping and our tag enum; keep one sentence with the known list.
  let tagEnums: Map<string, unknown[]> | undefined;
  for (const e of raw) if (e.keyword === 'enum') (tagEnums ??= new Map()).set(e.instancePath, e.params.allowedValues as unknown[]);
  let unknownTagAt: Set<string> | undefined;
  for (const e of raw) {
    let issue: Issue | undefined;
    if (e.keyword === 'if') continue;
    if (e.keyword === 'discriminator') {
      const tag = String(e.params.tag);
      const pointer = `${e.instancePath}/${esc(tag)}`;
      if (e.params.error === 'mapping') {
        (unknownTagAt ??= new Set()).add(pointer);
        const known = tagEnums?.get(pointer);
        issue = { pointer, keyword: 'discriminator', message: `unknown ${tag} '${String(e.params.tagValue)}'${known ? `; known: ${joined(known)}` : ''}` };
      } else {
        issue = { pointer, keyword: 'discriminator', message: `expected the tag '${tag}' to be a string, found ${describe(at(root, pointer))}` };
      }
    } else if (e.keyword === 'required') {
      const name = String(e.params.missingProperty);
      issue = { pointer: `${e.instancePath}/${esc(name)}`, keyword: 'required', message: `missing required property '${name}'` };
    } else if (e.keyword === 'additionalProperties') {
      const name = String(e.params.additionalProperty);
      issue = { pointer: `${e.instancePath}/${esc(name)}`, keyword: 'additionalProperties', message: `unknown property '${name}'` };
    } else {
      issue = { pointer: e.instancePath, keyword: e.keyword, message: sentence(e, at(root, e.instancePath), tolerant) };
    }
    if (out.length === 0) out.push(issue);
    else {
      // The same pointer and message twice is one issue. Keyed by pointer, with messages compared
      // only there: a message can be long (an unknown tag lists every known one), and hashing it
      // would cost more than all the rest.
      if (!seen) {
        seen = new Map();
        for (const i of out) seen.set(i.pointer, [i]);
      }
      const same = seen.get(issue.pointer);
      if (!same) {
        seen.set(issue.pointer, [issue]);
        out.push(issue);
      } else if (!same.some((i) => i.message === issue.message)) {
        same.push(issue);
        out.push(issue);
      }
    }
  }
  if (!unknownTagAt && !out.some((i) => i.keyword === 'anyOf' || i.keyword === 'oneOf')) return out;
  // The tag enum's own error says the same as the unknown-tag sentence. And where a union
  // failed but one of its branches said something more precise below it, the union's own
  // "no shape matched" and the other branches' type mismatches at that spot are noise.
  const deeper = (p: string) => out.some((i) => i.pointer.length > p.length && within(i.pointer, p));
  return out.filter((i) => {
    if (i.keyword === 'enum' && unknownTagAt?.has(i.pointer)) return false;
    if ((i.keyword === 'anyOf' || i.keyword === 'oneOf') && deeper(i.pointer)) return false;
    if (i.keyword === 'type' && out.some((u) => (u.keyword === 'anyOf' || u.keyword === 'oneOf') && u.pointer === i.pointer) && deeper(i.pointer)) return false;
    return true;
  });
}

/** True when `pointer` is `prefix` or below it. */
export function within(pointer: string, prefix: string): boolean {
  return pointer === prefix || pointer.startsWith(prefix + '/');
}
