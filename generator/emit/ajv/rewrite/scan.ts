/**
 * Scanning ajv's standalone output. It is regular: strings are
 * double-quoted, and its only regular expression literals (`/~/g`,
 * `/\//g`) hold no quote or bracket, so a scan that skips strings and
 * counts brackets finds every expression's end.
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

export const OPEN = new Set(['(', '[', '{']);
export const CLOSE = new Set([')', ']', '}']);

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
export function objectFields(inner: string): Map<string, string> | undefined {
  const fields = new Map<string, string>();
  for (const part of splitCommas(inner)) {
    const m = /^\s*([A-Za-z_$][\w$]*)\s*(?::([\s\S]*))?$/.exec(part);
    if (!m) return undefined;
    fields.set(m[1], m[2] === undefined ? m[1] : m[2].trim());
  }
  return fields;
}


/** Whether brackets balance in `code` (strings skipped). */
export function balanced(code: string): boolean {
  let depth = 0;
  for (let j = 0; j < code.length; j++) {
    const c = code[j];
    if (c === '"') j = skipString(code, j) - 1;
    else if (OPEN.has(c)) depth++;
    else if (CLOSE.has(c) && --depth < 0) return false;
  }
  return depth === 0;
}

export interface Segment {
  text: string;
  /** `validateN` for a function declaration, `schemaN` for a schema constant. */
  name?: string;
  kind?: 'function' | 'schema';
  removed?: boolean;
}

/** Top-level statements of standalone code: function declarations and `const`/`export const` statements. */
export function segments(code: string): Segment[] {
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


/**
 * Index of the bracket that opens the one that closes at `i`, scanning back. For masked code
 * (literals.ts) only, whose literals hold no quote or bracket: a `"` going back is a whole literal's end.
 */
export function opening(code: string, i: number): number {
  let depth = 0;
  for (let j = i; j >= 0; j--) {
    const c = code[j];
    if (c === '"') {
      j = code.lastIndexOf('"', j - 1);
      if (j < 0) break;
      continue;
    }
    if (CLOSE.has(c)) depth++;
    else if (OPEN.has(c) && --depth === 0) return j;
  }
  throw new Error('unbalanced brackets in ajv output');
}
