/**
 * Escaping for generated TypeScript. Every piece of schema text that lands in
 * the output (names, descriptions, enum values, defaults) goes through one
 * of these, so a `*\/`, a quote, a backtick, `${`, a newline or U+2028 can
 * neither end a comment nor a literal, nor inject code.
 */

/** A string literal (double-quoted, JSON escapes, plus U+2028/U+2029). */
export function strLit(value: string): string {
  return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A literal type for a JSON primitive, or undefined for objects/arrays. */
export function literalType(value: unknown): string | undefined {
  if (typeof value === 'string') return strLit(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  return undefined;
}

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'as implements interface let package private protected public static yield await any boolean number string ' +
    'symbol bigint object unknown never undefined type keyof infer is asserts readonly unique global declare module ' +
    'namespace require abstract constructor get set of satisfies accessor out'
  ).split(' '),
);

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function isIdentifier(name: string): boolean {
  return IDENT.test(name) && !RESERVED.has(name);
}

/** A property key: bare when it is an identifier name, else a string literal. */
export function propKey(name: string): string {
  return IDENT.test(name) && name !== '__proto__' ? name : strLit(name);
}

/** Turns any schema name into an identifier (not yet de-duplicated). */
export function toIdentifier(name: string): string {
  let id = name.normalize('NFKC').replace(/[^A-Za-z0-9_$]/g, '_');
  if (id === '' || /^[0-9]/.test(id)) id = '_' + id;
  if (RESERVED.has(id)) id += '_';
  return id;
}

/** Text safe inside a `/** ... *\/` comment: no comment end, no line that starts a tag by accident. */
function commentSafe(text: string): string {
  return text
    .replace(/\r\n?|\u2028|\u2029/g, '\n')
    .replace(/\*\//g, '*\\/')
    .replace(/^(\s*)@/gm, '$1\\@');
}

/** A JSDoc block, indented, from free text and tag lines; empty string when there is nothing to say. */
export function jsdoc(text: string | undefined, tags: Array<[string, string]>, indent: string): string {
  const lines: string[] = [];
  if (text && text.trim()) lines.push(...commentSafe(text.trim()).split('\n'));
  for (const [tag, value] of tags) lines.push(`@${tag}${value ? ' ' + commentSafe(value).replace(/\n/g, ' ') : ''}`);
  if (lines.length === 0) return '';
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ' ' + l : ''}`).join('\n')}\n${indent} */\n`;
}
