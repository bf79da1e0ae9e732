/**
 * A spec's text as a JSON value: JSON, or YAML for a `.yaml`/`.yml` file (or
 * text that does not start like JSON). A spec is input we do not control,
 * so what would make the later stages walk forever or overflow the stack is
 * refused here, with a pointer into the file: a YAML alias (a node used
 * twice: `*a` references can grow a document exponentially), and nesting
 * deeper than `GENERATOR_LIMITS.maxDepth`.
 */
import yaml from 'js-yaml';
import { GENERATOR_LIMITS } from '../context.js';
import { escapePointerToken } from '../util/pointer.js';
import { DocumentError } from './document-error.js';


const isYaml = (origin: string, text: string) => /\.ya?ml$/i.test(origin.replace(/[?#].*$/, '')) || !/^\s*[{[]/.test(text);

export function parseSpecText(text: string, origin: string, limits = GENERATOR_LIMITS): unknown {
  let value: unknown;
  if (isYaml(origin, text)) {
    try {
      value = yaml.load(text, { schema: yaml.JSON_SCHEMA, filename: origin, json: false });
    } catch (e) {
      const mark = (e as { mark?: { line: number; column: number } }).mark;
      const where = mark ? ` at line ${mark.line + 1}, column ${mark.column + 1}` : '';
      throw new DocumentError(origin, '', `not valid YAML${where}: ${String((e as { reason?: string }).reason ?? (e as Error).message).split('\n')[0]}`);
    }
  } else {
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new DocumentError(origin, '', `not valid JSON (${(e as Error).message})`);
    }
  }
  checkShape(value, origin, limits.maxDepth);
  return value;
}

/** No node reached twice (a YAML alias), nothing nested deeper than `maxDepth`; iterative, so depth cannot overflow it. */
function checkShape(root: unknown, origin: string, maxDepth: number): void {
  const seen = new Set<object>();
  // Each visited container with its parent's index and its key there: the pointer is built only for an error.
  const nodes: Array<{ parent: number; key: string | number; depth: number }> = [];
  const stack: Array<[value: unknown, parent: number, key: string | number, depth: number]> = [[root, -1, '', 0]];
  const pointer = (i: number) => {
    const tokens: string[] = [];
    for (let n = i; n > 0; n = nodes[n].parent) tokens.push(`/${escapePointerToken(nodes[n].key)}`);
    return tokens.reverse().join('');
  };
  while (stack.length > 0) {
    const [value, parent, key, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    const index = nodes.push({ parent, key, depth }) - 1;
    if (seen.has(value)) throw new DocumentError(origin, pointer(index), 'a YAML alias (a node used twice) is not supported: write the value out, or use a $ref');
    seen.add(value);
    if (depth >= maxDepth) throw new DocumentError(origin, pointer(index), `nested deeper than ${maxDepth} levels (GENERATOR_LIMITS.maxDepth)`);
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) stack.push([value[i], index, i, depth + 1]);
    else for (const k of Object.keys(value)) stack.push([(value as Record<string, unknown>)[k], index, k, depth + 1]);
  }
}
