/**
 * The pattern policy. A JSON Schema `pattern` is a JavaScript regular
 * expression (`u` flag), and V8 runs it by backtracking: a pattern like
 * `^(a+)+$` takes exponential time on `"aaaa...!"`, `\d+x` quadratic time on a
 * long run of digits. A spec is input we do not control, so each pattern is
 * parsed here at generate time and judged:
 *
 * - **linear**: no nested or ambiguous repetition: it ships as a native
 *   `RegExp` (fast, as before).
 * - **super-linear** (nested quantifiers, a repeated alternation, two
 *   unbounded repeats with only optional text between them, or an unanchored
 *   pattern whose unbounded repeat is followed by more): generate warns with
 *   its JSON pointer, and the validator tests it with a linear-time automaton
 *   (`runtime/internal/linear-pattern.ts`: same answers, time proportional
 *   to the input length times the pattern size).
 * - super-linear and using what an automaton cannot run (a backreference, a
 *   lookaround), or too large: generate stops with an error naming it.
 *
 * The automaton's atoms (a character, an escape, a class, `.`) and
 * assertions (`^`, `$`, `\b`, `\B`) stay in their source form: each matches
 * exactly one code point (or none), so the runtime tests it with a sticky
 * native RegExp at one position, which is constant time.
 */

type Node =
  | { t: 'atom'; src: string }
  | { t: 'assert'; src: string }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; alts: Node[] }
  | { t: 'rep'; body: Node; min: number; max: number };

/** What the runtime's `linearPattern` takes: atom sources, instructions, the start instruction. */
export type LinearProgram = [atoms: string[], code: number[][], start: number];

/** Instructions: consume an atom, split, a zero-width assertion, match. */
export const OP = { ATOM: 0, SPLIT: 1, ASSERT: 2, MATCH: 3 } as const;

/** The largest automaton compiled (repeat counts multiply its size). */
export const MAX_PROGRAM = 20_000;

export class PatternError extends Error {}

const SYNTAX = new Set([...'^$\\.*+?()[]{}|/']);

function parse(src: string): Node {
  let i = 0;
  const peek = () => src[i];
  const fail = (what: string): never => {
    throw new PatternError(`${what} at offset ${i}`);
  };
  const codePointLength = (at: number) => ((src.codePointAt(at) ?? 0) > 0xffff ? 2 : 1);

  function disjunction(): Node {
    const alts = [sequence()];
    while (peek() === '|') {
      i++;
      alts.push(sequence());
    }
    return alts.length === 1 ? alts[0] : { t: 'alt', alts };
  }
  function sequence(): Node {
    const items: Node[] = [];
    while (i < src.length && peek() !== '|' && peek() !== ')') items.push(term());
    return { t: 'seq', items };
  }
  function term(): Node {
    const start = i;
    const c = peek();
    if (c === '^' || c === '$') return i++, { t: 'assert', src: c };
    if (src.startsWith('\\b', i) || src.startsWith('\\B', i)) return (i += 2), { t: 'assert', src: src.slice(start, i) };
    const atom = primary();
    return quantifier(atom);
  }
  function primary(): Node {
    const start = i;
    const c = peek();
    if (c === '(') {
      i++;
      if (src.startsWith('?:', i)) i += 2;
      else if (src.startsWith('?<', i) && src[i + 2] !== '=' && src[i + 2] !== '!') {
        const end = src.indexOf('>', i);
        if (end === -1) fail('unterminated group name');
        i = end + 1;
      } else if (c === '(' && peek() === '?') fail('a lookaround');
      const body = disjunction();
      if (peek() !== ')') fail('an unclosed group');
      i++;
      return body;
    }
    if (c === '[') {
      for (i++; i < src.length && peek() !== ']'; i += peek() === '\\' ? 2 : 1);
      if (peek() !== ']') fail('an unclosed class');
      i++;
      return { t: 'atom', src: src.slice(start, i) };
    }
    if (c === '\\') return { t: 'atom', src: escape() };
    if (c === '.') return i++, { t: 'atom', src: '.' };
    if (c === '*' || c === '+' || c === '?' || c === '{' || c === ')' || c === ']' || c === '}') fail(`a stray '${c}'`);
    i += codePointLength(i);
    return { t: 'atom', src: src.slice(start, i) };
  }
  function escape(): string {
    const start = i;
    const c = src[i + 1];
    if (c === undefined) fail('a trailing backslash');
    if (/[1-9]/.test(c) || c === 'k') fail('a backreference');
    if (c === 'p' || c === 'P') {
      const end = src.indexOf('}', i);
      if (src[i + 2] !== '{' || end === -1) fail('a bad property escape');
      i = end + 1;
    } else if (c === 'u' && src[i + 2] === '{') {
      const end = src.indexOf('}', i);
      if (end === -1) fail('a bad code point escape');
      i = end + 1;
    } else if (c === 'u') {
      i += 6;
      // A surrogate pair written as two escapes is one code point in `u` mode.
      const lead = parseInt(src.slice(start + 2, start + 6), 16);
      if (lead >= 0xd800 && lead <= 0xdbff && /^\\u[dD][c-fC-F][0-9a-fA-F]{2}/.test(src.slice(i))) i += 6;
    } else if (c === 'x') i += 4;
    else if (c === 'c') i += 3;
    else if (/[dDwWsSfnrtv0]/.test(c) || SYNTAX.has(c) || c === '-') i += 2;
    else fail(`an unknown escape '\\${c}'`);
    return src.slice(start, i);
  }
  function quantifier(body: Node): Node {
    const c = peek();
    let min: number;
    let max: number;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
      if (!m) fail("a stray '{'");
      min = Number(m![1]);
      max = m![2] === undefined ? min : m![3] === '' ? Infinity : Number(m![3]);
      i += m![0].length - 1;
    } else return body;
    i++;
    if (peek() === '?') i++; // lazy: the same language
    return { t: 'rep', body, min, max };
  }

  const node = disjunction();
  if (i < src.length) fail(`an unmatched '${peek()}'`);
  return node;
}

const some = (n: Node, pred: (x: Node) => boolean): boolean =>
  pred(n) || (n.t === 'seq' ? n.items.some((x) => some(x, pred)) : n.t === 'alt' ? n.alts.some((x) => some(x, pred)) : n.t === 'rep' ? some(n.body, pred) : false);
const nullable = (n: Node): boolean =>
  n.t === 'assert' || (n.t === 'seq' ? n.items.every(nullable) : n.t === 'alt' ? n.alts.some(nullable) : n.t === 'rep' ? n.min === 0 || nullable(n.body) : false);
const unbounded = (n: Node) => n.t === 'rep' && n.max === Infinity;
const repeats = (n: Node) => n.t === 'rep' && n.max > 1;
const anchored = (n: Node): boolean => (n.t === 'alt' ? n.alts.every(anchored) : n.t === 'seq' ? n.items[0]?.t === 'assert' && n.items[0].src === '^' : false);

/** Why a parsed pattern may take super-linear time, or undefined. */
function superLinear(root: Node): string | undefined {
  let why: string | undefined;
  some(root, (n) => {
    if (n.t === 'rep' && n.max > 1 && some(n.body, (x) => x !== n.body && (unbounded(x) || (n.max === Infinity && repeats(x))))) why ??= 'nested quantifiers';
    if (n.t === 'rep' && n.max > 1 && some(n.body, (x) => x.t === 'alt')) why ??= 'a repeated alternation';
    if (n.t === 'rep' && n.max > 1 && unbounded(n) && n.body.t !== 'atom' && some(n.body, repeats)) why ??= 'nested quantifiers';
    if (n.t === 'seq') {
      let open = false;
      for (const item of n.items) {
        if (unbounded(item) && open) why ??= 'two unbounded repeats with only optional text between them';
        if (unbounded(item)) open = true;
        else if (!nullable(item)) open = false;
      }
    }
    return false;
  });
  if (!why && !anchored(root) && some(root, unbounded)) {
    const top = root.t === 'seq' ? root.items : [root];
    const firstRep = top.findIndex((x) => some(x, unbounded));
    if (firstRep !== top.length - 1 || top[firstRep].t !== 'rep') why = 'an unanchored unbounded repeat followed by more';
  }
  return why;
}

/** Compiles the pattern into the program the runtime's automaton runs. */
function compile(root: Node): LinearProgram {
  const atoms: string[] = [];
  const atomIndex = new Map<string, number>();
  const code: number[][] = [];
  const push = (ins: number[]) => {
    if (code.length >= MAX_PROGRAM) throw new PatternError(`its automaton would exceed ${MAX_PROGRAM} states`);
    return code.push(ins) - 1;
  };
  const atom = (src: string) => {
    let k = atomIndex.get(src);
    if (k === undefined) atomIndex.set(src, (k = atoms.push(src) - 1));
    return k;
  };
  const emit = (n: Node, next: number): number => {
    switch (n.t) {
      case 'atom':
        return push([OP.ATOM, atom(n.src), next]);
      case 'assert':
        return push([OP.ASSERT, atom(n.src), next]);
      case 'seq':
        return n.items.reduceRight((rest, item) => emit(item, rest), next);
      case 'alt':
        return n.alts.slice(0, -1).reduceRight((rest, alt) => push([OP.SPLIT, emit(alt, next), rest]), emit(n.alts[n.alts.length - 1], next));
      case 'rep': {
        let start = next;
        if (n.max === Infinity) {
          const loop = push([OP.SPLIT, -1, next]);
          code[loop][1] = emit(n.body, loop);
          start = loop;
        } else for (let k = n.min; k < n.max; k++) start = push([OP.SPLIT, emit(n.body, start), next]);
        for (let k = 0; k < n.min; k++) start = emit(n.body, start);
        return start;
      }
    }
  };
  const start = emit(root, push([OP.MATCH]));
  return [atoms, code, start];
}

export type PatternVerdict = { linear: true } | { linear: false; reason: string; program: LinearProgram };

/**
 * Judges one pattern. Throws a PatternError when it is super-linear and
 * cannot be compiled to an automaton; a pattern that only the native engine
 * understands but that is linear is left to it.
 */
export function judgePattern(src: string): PatternVerdict {
  let root: Node;
  try {
    root = parse(src);
  } catch (e) {
    if (!(e instanceof PatternError)) throw e;
    // Not something the automaton runs (a lookaround, a backreference): fine if nothing in it repeats
    // a repeat; else it is refused.
    if (!/[*+}][^]*\)[*+{]/.test(src) && !/\\[1-9k]/.test(src)) return { linear: true };
    throw new PatternError(`may take super-linear time and has ${e.message.replace(/ at offset \d+$/, '')}, which the linear-time engine cannot run; rewrite it without it`);
  }
  const reason = superLinear(root);
  if (!reason) return { linear: true };
  return { linear: false, reason, program: compile(root) };
}

/**
 * Judges every `pattern` of a spec's components (before ajv sees them): a
 * super-linear one is reported to `warn` with its pointer, one that cannot be
 * made linear stops generation with an error naming its pointer.
 */
export function checkPatterns(schemas: Record<string, unknown>, warn: (message: string) => void): void {
  const seen = new Map<string, PatternVerdict>();
  const visit = (node: unknown, tokens: string[]) => {
    if (Array.isArray(node)) node.forEach((v, i) => visit(v, [...tokens, String(i)]));
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
    for (const [key, value] of Object.entries(node)) {
      const at = [...tokens, key];
      // Data, not schemas: enum values, defaults and examples may hold a `pattern` key of their own.
      if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples' || key === 'example' || key.startsWith('x-')) continue;
      if (key === 'pattern' && typeof value === 'string' && tokens[tokens.length - 1] !== 'properties') {
        const where = `#/${at.map((t) => t.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
        let verdict = seen.get(value);
        if (!verdict) {
          try {
            verdict = judgePattern(value);
          } catch (e) {
            if (e instanceof PatternError) throw new PatternError(`${where}: pattern ${JSON.stringify(value)} ${e.message}`);
            throw e;
          }
          seen.set(value, verdict);
        }
        if (!verdict.linear) warn(`${where}: pattern ${JSON.stringify(value)} may take super-linear time under backtracking (${verdict.reason}); its validator uses a linear-time automaton`);
      } else visit(value, at);
    }
  };
  for (const name of Object.keys(schemas)) visit(schemas[name], ['components', 'schemas', name]);
}
