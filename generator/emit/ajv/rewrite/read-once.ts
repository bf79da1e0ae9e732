/**
 * `readOnce`: inside a validator's object block, a property the code reads
 * by name more than once is read once, into a local, and the later reads
 * take the local.
 *
 * Why. ajv reads a declared property by name at every test of it: a
 * required one at its `required` test, again at its own test, and again to
 * check its value (`data.id === undefined`, `data.id !== undefined`,
 * `typeof data.id`). Once a long-running client has seen objects of many
 * shapes, each read by name is a megamorphic lookup (a few ns each), and a
 * Response validator made about 90 of them on an event that carries a
 * Response with 8 of its properties. Reading each name once halves them.
 *
 * Same answers. The first read of a name that the block makes whatever
 * happens (the condition of an `if` that is a statement of the block
 * itself, `if(data.id === undefined)` or `!==`) becomes
 * `if((__propN = data.id) === undefined)`, and the reads of that name after
 * it in the block become `__propN`. A statement of the block runs whenever
 * the block runs, in order, and everything after it in the block runs after
 * it; ajv never writes to the value (no defaults, no coercion), so the
 * value read first is the value read later: the same property is read by
 * name, through the prototype, getters and Proxy traps alike, only fewer
 * times. Every check, error and its order stay as ajv wrote them.
 *
 * Then ajv's copy of such a property into its own local at the start of
 * the block that checks it (`if(__propN !== undefined){let data1 = __propN;`)
 * goes: that block reads `__propN` (withoutAliases, below).
 *
 * Safety of the pattern (see index.ts): the function head is ajv's own
 * (`function validateN(data, instancePath=""){`), the block is ajv's object
 * test of that value (`if(__isObj(data)){`, shortForms), `data` is matched
 * as a whole name not after `.`, `"` or a name character (never a property
 * name, never inside a literal: literals are masked), and a function that
 * assigns to `data` or its properties, calls a method on it, passes it to
 * `.call(`, deletes from it, or holds another function is left alone.
 */
import { closing, skipString } from './scan.js';

const HEAD = /^function validate\d+\(data, instancePath=""\)\{/;
const BLOCK = 'if(__isObj(data)){';
/** A read of a property of the function's own value by name. */
const READ = /(?<![\w$."])data\.([A-Za-z_$][\w$]*)(?![\w$])/g;
/** The first read of a name that a statement of the block makes whatever happens. */
const CAPTURE = /^if\(data\.([A-Za-z_$][\w$]*) [!=]== undefined\)/;
/** What makes a function not ours to change: a write to `data` or a property of it, a method call on it, a `.call(data`, a delete, another function inside. */
const REFUSE = [
  /(?<![\w$."])data(?:\.[\w$]+|\[[^\]]*\])?\s*(?:[-+*/%&|^]|\*\*|<<|>>>?|\?\?|&&|\|\|)?=(?!=)/,
  /(?<![\w$."])data\s*(?:\+\+|--)/,
  /(?:\+\+|--)\s*data\b/,
  /(?<![\w$."])data(?:\.[\w$]+|\[[^\]]*\])\s*(?:\(|\+\+|--)/,
  /\.call\(data\b/,
  /(?<![\w$."])delete\b/,
  /(?<![\w$."])(?:let|const|var)\s+data\b/,
  /(?<![\w$."])function\b/,
  /=>/,
];
/** The local that holds property `n` (ajv names none of its own so). */
const local = (n: number) => `__prop${n}`;

/** Each of ajv's validator functions, rewritten on its own. */
export function readOnce(code: string): string {
  let out = '';
  let from = 0;
  const heads = /(?<=^|[;}\s])function validate\d+\(data, instancePath=""\)\{/g;
  for (let m = heads.exec(code); m; m = heads.exec(code)) {
    const open = m.index + m[0].length - 1;
    const end = closing(code, open);
    out += code.slice(from, m.index) + withoutAliases(rewriteFunction(code.slice(m.index, end + 1)));
    from = end + 1;
    heads.lastIndex = end + 1;
  }
  return out + code.slice(from);
}

function rewriteFunction(fn: string): string {
  const head = HEAD.exec(fn);
  if (!head) return fn;
  if (REFUSE.some((r) => r.test(fn.slice(head[0].length)))) return fn;
  let out = '';
  let from = 0;
  for (let at = fn.indexOf(BLOCK, head[0].length); at >= 0; at = fn.indexOf(BLOCK, from)) {
    const open = at + BLOCK.length - 1;
    const end = closing(fn, open);
    out += fn.slice(from, open + 1) + rewriteBlock(fn.slice(open + 1, end));
    from = end;
  }
  return out + fn.slice(from);
}

/** The statements of one object block (between its braces). */
function rewriteBlock(inner: string): string {
  // Where each statement of the block itself starts: at bracket depth 0, after the block's start, a `;` or a `}`.
  const captures = new Map<string, number>();
  let depth = 0;
  for (let j = 0; j < inner.length; j++) {
    const c = inner[j];
    if (c === '"') {
      j = skipString(inner, j) - 1;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    if (depth !== 0 || !(j === 0 || c === ';' || c === '}')) continue;
    const start = j === 0 && c !== ';' && c !== '}' ? 0 : j + 1;
    const m = CAPTURE.exec(inner.slice(start, start + 200));
    if (m && !captures.has(m[1])) captures.set(m[1], start);
  }
  // A name is kept in a local when it is read again after its capture.
  const again = new Set<string>();
  for (const m of inner.matchAll(READ)) {
    const at = captures.get(m[1]);
    if (at !== undefined && m.index! > at + 3) again.add(m[1]);
  }
  // Numbered in the order of their captures (captures is in block order).
  const kept = new Map<string, { at: number; name: string }>();
  for (const [prop, at] of captures) if (again.has(prop)) kept.set(prop, { at, name: local(kept.size) });
  if (kept.size === 0) return inner;
  const body = inner.replace(READ, (all, prop: string, offset: number) => {
    const k = kept.get(prop);
    if (!k || offset < k.at + 3) return all;
    return offset === k.at + 3 ? `(${k.name} = ${all})` : k.name;
  });
  return `let ${[...kept.values()].map((k) => k.name).join(', ')};${body}`;
}

/** A block entered when a property read once is present, whose first statement copies it into ajv's local for the value. */
const ALIAS = /(?:if\((__prop\d+) !== undefined\)|if\(\((__prop\d+) = data\.[A-Za-z_$][\w$]*\) !== undefined\))\{let (data\d+) = (__prop\d+);/g;

/**
 * `if(__propN !== undefined){let dataM = __propN;...}`: ajv's local for the
 * property's value is a second name for `__propN`, which holds the same
 * value for the whole block (it is written once, at its capture, before
 * the block). The block then reads `__propN` itself and the copy goes,
 * unless the block declares or writes either name (then it stays as it is).
 */
function withoutAliases(fn: string): string {
  let out = '';
  let from = 0;
  ALIAS.lastIndex = 0;
  for (let m = ALIAS.exec(fn); m; m = ALIAS.exec(fn)) {
    const prop = m[1] ?? m[2];
    const [, , , local, copied] = m;
    const open = m.index + m[0].indexOf('{');
    const close = closing(fn, open);
    const body = fn.slice(m.index + m[0].length, close);
    const name = (n: string) => String.raw`(?<![\w$."])${n}(?![\w$])`;
    const touched = new RegExp(String.raw`(?:let|const|var)\s+(?:${local}|${prop})(?![\w$])|${name(`(?:${local}|${prop})`)}\s*(?:[-+*/%&|^]|\*\*|<<|>>>?|\?\?|&&|\|\|)?=(?!=)|${name(`(?:${local}|${prop})`)}\s*(?:\+\+|--)|(?:\+\+|--)\s*(?:${local}|${prop})(?![\w$])`);
    if (copied !== prop || touched.test(body)) continue;
    out += fn.slice(from, open + 1) + withoutAliases(body.replace(new RegExp(name(local), 'g'), prop));
    from = close;
    ALIAS.lastIndex = close;
  }
  return out + fn.slice(from);
}
