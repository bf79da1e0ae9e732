/**
 * Nullable unions, `anyOf: [X, {type: 'null'}]` (how the specs write
 * "nullable"), in two rewrites of ajv's standalone output:
 *
 * - `skipNullBranches`: X is only checked for a value that is not null.
 * - `nullableUnions`, after it: the union becomes one check after X.
 */
import { balanced, closing } from './scan.js';

const ANY_OF_START = /const (_errs\d+) = errors;let (valid\d+) = false;const (_errs\d+) = errors;/g;

/**
 * `anyOf: [X, {type: 'null'}]` (how the specs write "nullable"): ajv checks a
 * null against X first, collects X's errors and then drops them when the
 * null branch passes. A null always passes that union whatever X says, so X
 * is only checked when the value is not null; verdicts and errors are the
 * same, without the wasted work.
 */
export function skipNullBranches(code: string): string {
  let out = '';
  let last = 0;
  for (const m of code.matchAll(ANY_OF_START)) {
    const start = m.index! + m[0].length;
    if (start <= last) continue;
    const [, , valid, errsB] = m;
    const endMarker = ` = ${errsB} === errors;`;
    const end = code.indexOf(endMarker, start);
    if (end === -1) continue;
    const varStart = code.lastIndexOf('var ', end);
    const validVar = code.slice(varStart + 4, end);
    if (!/^_valid\d+$/.test(validVar)) continue;
    const branch = code.slice(start, varStart);
    if (!balanced(branch)) continue;
    const tail = new RegExp(
      `^var ${validVar} = ${errsB} === errors;${valid} = ${valid} \\|\\| ${validVar};if\\(!${valid}\\)\\{const (_errs\\d+) = errors;if\\((data\\d*) !== null\\)\\{vErrors = __err\\(vErrors, [^;]*?, "type", \\{type: "null"\\}\\);errors\\+\\+;\\}var ${validVar} = \\1 === errors;${valid} = ${valid} \\|\\| ${validVar};\\}if\\(!${valid}\\)`,
    );
    const t = tail.exec(code.slice(varStart, varStart + 600));
    if (!t) continue;
    out += code.slice(last, start) + `if(${t[2]} !== null){${skipNullBranches(branch)}}`;
    last = varStart;
  }
  return out + code.slice(last);
}

/**
 * `nullableUnions`, run after `skipNullBranches`. By then a nullable union
 * `anyOf: [X, {type: 'null'}]` reads
 *
 *     const _errsA = errors;let validV = false;const _errsB = errors;
 *     if(data !== null){X}
 *     var _validW = _errsB === errors;validV = validV || _validW;
 *     if(!validV){const _errsC = errors;if(data !== null){<type null error>}
 *       var _validW = _errsC === errors;validV = validV || _validW;}
 *     if(!validV){<anyOf error>}else {errors = _errsA;vErrors = __reset(vErrors, _errsA);}
 *
 * which says: when the value is not null and X reports errors, add the
 * null branch's error and the union's. The reset on success never drops
 * anything (X added no errors, or X did not run), so the whole union is
 *
 *     if(data !== null){const _errsB = errors;X if(_errsB !== errors){<type null error><anyOf error>}}
 *
 * with the same verdicts and errors in the same order, in about a third of
 * the text: the OpenAI spec has some 200 of them. A union whose `validV` is
 * read again later in its function is left alone.
 */
const HEAD = /const (_errs\d+) = errors;let (valid\d+) = false;const (_errs\d+) = errors;if\((data\d*) !== null\)\{/g;

function tailOf(errsA: string, valid: string, errsB: string, data: string): RegExp {
  return new RegExp(
    String.raw`^var (_valid\d+) = ${errsB} === errors;${valid} = ${valid} \|\| \1;if\(!${valid}\)\{const (_errs\d+) = errors;if\(${data} !== null\)\{(vErrors = __err\(vErrors, [^;]*?, "type", \{type: "null"\}\);errors\+\+;)\}var \1 = \2 === errors;${valid} = ${valid} \|\| \1;\}` +
      String.raw`if\(!${valid}\)\{(vErrors = __err\(vErrors, [^;]*?, "anyOf", \{\}\);errors\+\+;)\}else \{errors = ${errsA};vErrors = __reset\(vErrors, ${errsA}\);\}`,
  );
}

export function nullableUnions(code: string): string {
  let out = '';
  let last = 0;
  for (const m of code.matchAll(HEAD)) {
    if (m.index! < last) continue;
    const [head, errsA, valid, errsB, data] = m;
    const open = m.index! + head.length - 1;
    const close = closing(code, open);
    const t = tailOf(errsA, valid, errsB, data).exec(code.slice(close + 1, close + 1 + 2000));
    if (!t) continue;
    const end = close + 1 + t[0].length;
    // `validV` must not be read after the union, up to the next function.
    const next = code.indexOf('function validate', end);
    const rest = code.slice(end, next === -1 ? code.length : next);
    if (new RegExp(String.raw`(?<![\w$."])${valid}\b`).test(rest)) continue;
    const inner = nullableUnions(code.slice(open + 1, close));
    out += code.slice(last, m.index!) + `if(${data} !== null){const ${errsB} = errors;${inner}if(${errsB} !== errors){${t[3]}${t[4]}}}`;
    last = end;
  }
  return out + code.slice(last);
}

/**
 * `nullableErrors`, after `errorTable` and `errorCount`: the two errors a
 * failed nullable union adds after X's, at the same path,
 *
 *     if(_errsB !== __count(vErrors)){vErrors = __errAt(vErrors, P, __eN);vErrors = __errAt(vErrors, P, __eA);}
 *
 * (`__eN` the table's `["type", {type: "null"}]`, `__eA` its `["anyOf", {}]`),
 * become one call of a helper that adds the same two, in the same order:
 * `vErrors = __nullable(vErrors, P);`. P is a path expression without a
 * call (no bracket outside a literal), so reading it once gives the value
 * it gave twice. The helper is declared only where it is used.
 */
const NULLABLE_TAIL = /if\((_errs\d+) !== __count\(vErrors\)\)\{vErrors = __errAt\(vErrors, ((?:"(?:[^"\\]|\\.)*"|[^,"()])+), (__e\d+)\);vErrors = __errAt\(vErrors, \2, (__e\d+)\);\}/g;

export function nullableErrors(code: string): string {
  const typeNull = /(?<![\w$."])const (__e\d+) = \["type", \{type: "null"\}\];/.exec(code)?.[1];
  const anyOf = /(?<![\w$."])const (__e\d+) = \["anyOf", \{\}\];/.exec(code)?.[1];
  if (typeNull === undefined || anyOf === undefined) return code;
  let used = false;
  const out = code.replace(NULLABLE_TAIL, (all, snapshot: string, path: string, first: string, second: string) => {
    if (first !== typeNull || second !== anyOf) return all;
    used = true;
    return `if(${snapshot} !== __count(vErrors)){vErrors = __nullable(vErrors, ${path});}`;
  });
  if (!used) return code;
  return `function __nullable(list, instancePath) { return __errAt(__errAt(list, instancePath, ${typeNull}), instancePath, ${anyOf}); }\n${out}`;
}
