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

export class Literals {
  private readonly raw: string[] = [];
  private readonly index = new Map<string, number>();

  /** Replaces every non-plain string literal of `code` (a script or module) by its placeholder. */
  mask(code: string): string {
    let out = '';
    let last = 0;
    for (const token of tokenizer(code, { ecmaVersion: 'latest', sourceType: 'module', onComment: () => failComment() })) {
      if (token.type === tokTypes.template || token.type === tokTypes.invalidTemplate) throw new Error('ajv output holds a template literal, which the rewrites do not expect');
      if (token.type !== tokTypes.string) continue;
      const text = code.slice(token.start, token.end);
      if (PLAIN.test(text)) continue;
      out += code.slice(last, token.start) + this.placeholder(text);
      last = token.end;
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

function failComment(): never {
  throw new Error('ajv output holds a comment, which the rewrites do not expect');
}

/** For a rewrite run on its own (the unit tests): literals left as they are. */
export const NO_MASK = {
  mask: (code: string) => code,
  unmask: (code: string) => code,
};
export type LiteralTable = Pick<Literals, 'mask' | 'unmask'>;
