/**
 * String literals of ajv's standalone output, masked before the rewrites
 * run. ajv copies schema text into its code in two forms only: string
 * literals (enum values, property names in paths and params, patterns,
 * schema constants) and property names after a `.` (`data.type`). The
 * rewrites are text patterns over ajv's own code; to make sure none of them
 * ever reads or changes schema text, a real JavaScript tokenizer (acorn)
 * finds every string literal first, and each one whose content is not a
 * plain word becomes an opaque placeholder (`"\uE000" + index`, one per
 * distinct literal, so equal literals stay equal text). The rewrites then
 * see literals only as whole tokens; the proof for each is in index.ts.
 * `unmask` puts the literals back.
 */
import { tokenizer, tokTypes } from 'acorn';

/** A literal whose content is a plain word (`"type"`, `"anyOf"`) stays as it is: no pattern can start or end inside it. */
const PLAIN = /^"[A-Za-z0-9_]*"$/;
const MARK = '\uE000';
const PLACEHOLDER = /"\uE000(\d+)"/g;
/**
 * For `maskScanned`: a whole double-quoted literal (no raw line break inside); ajv's only regular
 * expressions, whole, with the `(` before them (its JSON-pointer escaping of a property name:
 * `.replace(/~/g, "~0").replace(/\//g, "~1")`); or one character that may start anything else.
 */
const SCAN = /"(?:[^"\\\n\r]|\\[\s\S])*"|\(\/~\/g|\(\/\\\/\/g|["'`/]/g;
/** Words after which a `/` may start a regular expression; after any other name it divides. */
const KEYWORDS = new Set(
  'await break case catch class const continue debugger default delete do else enum export extends finally for function if import in instanceof let new of return static super switch throw try typeof var void while with yield'.split(' '),
);
const NAME_CHAR = /[\w$]/;

/** Whether the `/` at `at` is a division: right after a name that is no keyword (ajv's `multipleOf`: `data4/0.5`), and no comment. */
function divides(code: string, at: number): boolean {
  if (code[at + 1] === '/' || code[at + 1] === '*') return false;
  let end = at;
  while (end > 0 && code[end - 1] === ' ') end--;
  let start = end;
  while (start > 0 && NAME_CHAR.test(code[start - 1])) start--;
  const word = code.slice(start, end);
  return word !== '' && !/^\d/.test(word) && code[start - 1] !== '\\' && (code[start - 1] === '.' || !KEYWORDS.has(word));
}

export class Literals {
  private readonly raw: string[] = [];
  private readonly index = new Map<string, number>();

  /** Replaces every non-plain string literal of `code` (a script or module) by its placeholder. */
  mask(code: string): string {
    let out = '';
    let last = 0;
    for (const [start, end] of scannedStrings(code) ?? tokenizedStrings(code)) {
      const text = code.slice(start, end);
      if (PLAIN.test(text)) continue;
      out += code.slice(last, start) + this.placeholder(text);
      last = end;
    }
    return out + code.slice(last);
  }

  /** The placeholder of one literal (its source text). */
  placeholder(text: string): string {
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.raw.length;
      this.raw.push(text);
      this.index.set(text, i);
    }
    return `"${MARK}${i}"`;
  }

  /** Puts every literal back. */
  unmask(code: string): string {
    return code.replace(PLACEHOLDER, (_all, i: string) => this.raw[Number(i)]);
  }
}

/**
 * Where each string literal of `code` is, found fast for code whose every string is
 * double-quoted (ajv's output). Scanning from the start, outside the strings found so far:
 * where no `'`, backquote or `/` stands, other than a division after a name or one of ajv's two
 * regular expressions whole, the code holds no other string, template, regular expression or
 * comment, so every `"` opens a string and SCAN finds it whole. Otherwise (or for a `"` never
 * closed) undefined, and the tokenizer decides. test/generator/literals.test.ts holds both to the
 * same ranges.
 */
export function scannedStrings(code: string): Array<[number, number]> | undefined {
  const found: Array<[number, number]> = [];
  for (const m of code.matchAll(SCAN)) {
    if (m[0][0] === '(' || (m[0] === '/' && divides(code, m.index))) continue;
    if (m[0].length === 1) return undefined;
    found.push([m.index, m.index + m[0].length]);
  }
  return found;
}

/** Where each string literal of `code` is, by acorn's tokenizer (which refuses comments and templates). */
export function tokenizedStrings(code: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (const token of tokenizer(code, { ecmaVersion: 'latest', sourceType: 'module', onComment: () => failComment() })) {
    if (token.type === tokTypes.template || token.type === tokTypes.invalidTemplate) throw new Error('ajv output holds a template literal, which the rewrites do not expect');
    if (token.type === tokTypes.string) found.push([token.start, token.end]);
  }
  return found;
}

function failComment(): never {
  throw new Error('ajv output holds a comment, which the rewrites do not expect');
}

/** For a rewrite run on its own (the unit tests): literals left as they are. */
export const NO_MASK = {
  mask: (code: string) => code,
  unmask: (code: string) => code,
};
export type LiteralTable = Pick<Literals, 'mask' | 'unmask'>;
