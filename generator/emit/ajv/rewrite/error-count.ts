/**
 * `errorCount`: a validator keeps its errors in one list and no counter
 * beside it.
 *
 * ajv keeps `errors`, a count, next to `vErrors`, the list: every error
 * site says `errors++` after its push, every merge of a callee's errors
 * `errors = vErrors.length`, and the function answers `errors === 0`. After
 * the rewrites before this one the count is always the list's length
 * (`vErrors` is null or an array holding at least one error), so the
 * counter says nothing the list does not: it goes, a snapshot is the
 * list's length (`__count(vErrors)`), and the answer is `!vErrors`. A
 * tenth of the shipped validators' bytes was the counter.
 *
 * Why the count is the length. In each function rewritten, `vErrors` is
 * only ever written by these statements, which this checks before it
 * touches the function (and leaves a function with anything else alone):
 *
 * - `let vErrors = null;let errors = 0;` at its head: both empty;
 * - `vErrors = __push|__err|__errAt|__extra(vErrors, ...);errors++;`: each
 *   helper appends exactly one error (compile.ts, positional.ts,
 *   error-table.ts, short-forms.ts) and returns the list, never an empty one;
 * - `vErrors = __cat(vErrors, X.errors);errors = vErrors.length;` and ajv's
 *   own `vErrors = vErrors === null ? X.errors : vErrors.concat(X.errors);`
 *   before the same, each the first statement of `if(!(X(...))){`: the
 *   count is set to the length, which X's failure (its `.errors` then holds
 *   its errors) makes at least one;
 * - `errors = S;vErrors = __reset(vErrors, S);` (S a snapshot `_errsN`): the
 *   list cut back to S errors, null when S is 0.
 *
 * and `errors` is only read as `const _errsN = errors;`, `_errsN === errors`,
 * `_errsN !== errors` and `return errors === 0;`. Every other mention of
 * `vErrors` is `validateN.errors = vErrors;` or an argument of those
 * statements. So the list is null exactly when the count is 0, and is
 * never empty otherwise: `!vErrors` is `errors === 0`.
 *
 * Safety of the patterns (see index.ts): they start at `let vErrors`,
 * `vErrors = `, `errors` and `_errsN` as whole names (never after `.`, `"`
 * or a name character), run on masked code, and only remove ajv's own
 * statements or put `__count(vErrors)` in place of the name `errors`.
 */
import { closing, opening } from './scan.js';

/** The helper the snapshots call: the number of errors in a list. */
export const COUNT_HELPER = 'function __count(list) { return list === null ? 0 : list.length; }';

const HEADS = /(?<=^|[;}\s])function validate\d+\(data, instancePath=""\)\{/g;
const START = 'let vErrors = null;let errors = 0;';
/** A whole name `errors` or `vErrors`, not a property and not inside a plain literal. */
const NAME = /(?<![\w$."])(?:vErrors|errors)(?![\w$])/g;
const MENTION = new RegExp(NAME.source);
/** The helpers that append exactly one error. */
const APPEND_ONE = /^vErrors = (?:__push|__err|__errAt|__extra)\(vErrors, $/;
const CAT = /^vErrors = __cat\(vErrors, $/;
const CONCAT = /^vErrors = vErrors === null \? ((validate\d+|wrapper\d+\.validate)\.errors) : vErrors\.concat\(\1\);errors = vErrors\.length;/;
const RESET = /^errors = (_errs\d+);vErrors = __reset\(vErrors, \1\);/;

/**
 * Whether the statement at `at` runs only when `callee` has just failed: it is the first of the block
 * `if(!(callee(...))){`, ajv's only form of a call whose errors it merges. (Masked code: see opening.)
 */
function afterFailureOf(body: string, at: number, callee: string): boolean {
  if (!body.startsWith('))){', at - 4)) return false;
  const args = opening(body, at - 4);
  return body.slice(0, args).endsWith(`if(!(${callee}`) && !/[\w$.]/.test(body[args - callee.length - 6] ?? '');
}

/** Every validator function with its counter dropped, or as it was when it does anything else with it. */
export function errorCount(code: string): string {
  let out = '';
  let from = 0;
  let changed = false;
  HEADS.lastIndex = 0;
  for (let m = HEADS.exec(code); m; m = HEADS.exec(code)) {
    const open = m.index + m[0].length - 1;
    const end = closing(code, open);
    const body = code.slice(open + 1, end);
    const rewritten = withoutCounter(body);
    out += code.slice(from, open + 1) + (rewritten ?? body);
    if (rewritten !== undefined) changed = true;
    from = end;
    HEADS.lastIndex = end;
  }
  out += code.slice(from);
  return changed ? `${COUNT_HELPER}\n${out}` : code;
}

/** One function's body without its counter, or undefined when some mention of the counter or the list is not one this knows. */
export function withoutCounter(body: string): string | undefined {
  if (!body.startsWith(START)) return undefined;
  let out = 'let vErrors = null;';
  let last = START.length;
  NAME.lastIndex = START.length;
  for (let m = NAME.exec(body); m; m = NAME.exec(body)) {
    const at = m.index;
    const rest = body.slice(at);
    const before = body.slice(Math.max(0, at - 40), at);
    if (m[0] === 'vErrors') {
      // `vErrors = helper(vErrors, ...)`: the write and its arguments are checked here, then skipped whole.
      if (rest.startsWith('vErrors = ')) {
        const call = /^vErrors = __\w+\(vErrors, /.exec(rest);
        if (call && (APPEND_ONE.test(call[0]) || CAT.test(call[0]))) {
          const open = at + call[0].length - 'vErrors, '.length - 1;
          const close = closing(body, open);
          if (MENTION.test(body.slice(open + 1 + 'vErrors, '.length, close))) return undefined;
          const merged = CAT.test(call[0]) ? /^(validate\d+)\.errors$/.exec(body.slice(open + 1 + 'vErrors, '.length, close)) : null;
          if (CAT.test(call[0]) && (!merged || !afterFailureOf(body, at, merged[1]))) return undefined;
          const counted = merged ? ';errors = vErrors.length;' : ';errors++;';
          if (!body.startsWith(counted, close + 1)) return undefined;
          out += body.slice(last, close + 2);
          last = close + 1 + counted.length;
          NAME.lastIndex = last;
          continue;
        }
        const concat = CONCAT.exec(rest);
        if (!concat || !afterFailureOf(body, at, concat[2])) return undefined;
        out += body.slice(last, at + concat[0].length - 'errors = vErrors.length;'.length);
        last = at + concat[0].length;
        NAME.lastIndex = last;
        continue;
      }
      // Its only other mention: the function hands its list over.
      if (/(?<![\w$.])validate\d+\.errors = $/.test(before) && rest.startsWith('vErrors;')) continue;
      return undefined;
    }
    // `errors`
    if (rest.startsWith('errors === 0;') && before.endsWith('return ')) {
      out += body.slice(last, at) + '!vErrors;';
      last = at + 'errors === 0;'.length;
      NAME.lastIndex = last;
      continue;
    }
    const reset = RESET.exec(rest);
    if (reset) {
      out += body.slice(last, at);
      last = at + 'errors = '.length + reset[1].length + 1;
      NAME.lastIndex = last + 'vErrors = __reset(vErrors, '.length;
      continue;
    }
    if (/(?<![\w$.])const _errs\d+ = $/.test(before) && rest.startsWith('errors;')) {
      out += body.slice(last, at) + '__count(vErrors)';
      last = at + 'errors'.length;
      continue;
    }
    if (/(?<![\w$.])_errs\d+ [!=]== $/.test(before)) {
      out += body.slice(last, at) + '__count(vErrors)';
      last = at + 'errors'.length;
      continue;
    }
    return undefined;
  }
  return out + body.slice(last);
}
