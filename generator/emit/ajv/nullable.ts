/**
 * `nullableUnions`, one of the rewrites of ajv's standalone output (see
 * rewrite.ts), run after `skipNullBranches`. By then a nullable union
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
import { closing } from './rewrite.js';

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
    if (new RegExp(String.raw`\b${valid}\b`).test(rest)) continue;
    const inner = nullableUnions(code.slice(open + 1, close));
    out += code.slice(last, m.index!) + `if(${data} !== null){const ${errsB} = errors;${inner}if(${errsB} !== errors){${t[3]}${t[4]}}}`;
    last = end;
  }
  return out + code.slice(last);
}
