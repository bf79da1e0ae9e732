/**
 * A value that matches no branch of a plain union is said once: "expected
 * number or null, found string \"hot\"", where ajv reports one finding per
 * branch (`type` number, `type` null) and the union's own ("no shape
 * matched"). Only a union kept as an issue is read so: one with nothing
 * said below its spot (issue building drops a union whose branch said more
 * deeper down, and a tagged union speaks through its tag). At that spot the
 * `type`, `enum` and `const` findings are the branches' expectations, and
 * become one issue with the union's keyword; other findings there
 * (`minLength`, `pattern`, ...) stay as they are.
 *
 * The sentence lists the allowed values first ("one of 'auto', 'flex', or
 * null"), then the types not already said by a listed value (an enum of
 * strings reports its `type` string too when the value is not a string). In
 * tolerant mode `null` is no news (null is allowed everywhere there).
 */
import type { Issue, RawError } from './issues.js';
import { valueAt } from './pointers.js';
import { describe, valueText } from './sentences.js';
import { issueWork } from './work.js';

const isUnion = (keyword: string) => keyword === 'anyOf' || keyword === 'oneOf';
const isBranchFinding = (keyword: string) => keyword === 'type' || keyword === 'enum' || keyword === 'const' || isUnion(keyword);

const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** What the findings at one union's spot expect together. */
interface Group {
  at: number;
  keyword: string;
  types: string[];
  values: unknown[];
  /** How many findings the group holds: one alone (the union) keeps its sentence. */
  count: number;
  /** The union's own issue, said as it was when the branches expect nothing that can be named. */
  union: Issue | undefined;
}

function add(group: Group, issue: Issue, e: RawError, tolerant: boolean): void {
  group.count++;
  const p = e.params;
  if (e.keyword === 'type') {
    for (const t of String(p.type).split(',')) if (!(tolerant && t === 'null') && !group.types.includes(t)) group.types.push(t);
  } else if (e.keyword === 'enum') {
    for (const v of p.allowedValues as unknown[]) if (!group.values.includes(v)) group.values.push(v);
  } else if (e.keyword === 'const') {
    if (!group.values.includes(p.allowedValue)) group.values.push(p.allowedValue);
  } else {
    group.keyword = e.keyword;
    group.union = issue;
  }
}

/** "number or null", "one of 'auto', 'flex', or null", "'auto' or null": what a group expects. */
function expectation(group: Group): string {
  const { values } = group;
  const types = group.types.filter((t) => !values.some((v) => jsonType(v) === t || (t === 'integer' && Number.isInteger(v))));
  const said = values.length === 0 ? '' : values.length === 1 ? valueText(values[0]) : `one of ${valueText(values)}`;
  if (!said) return types.join(' or ');
  if (types.length === 0) return said;
  return `${said}${values.length > 1 ? ',' : ''} or ${types.join(' or ')}`;
}

/**
 * `kept` (issues in order, beside each its raw error) with the findings at each kept union's spot
 * said once, at the first of them. Linear: one pass to find the unions' spots, one to group.
 */
export function collapseUnions(kept: Issue[], from: RawError[], root: unknown, tolerant: boolean): Issue[] {
  let spots: Set<string> | undefined;
  for (let j = 0; j < kept.length; j++) if (isUnion(kept[j].keyword)) (spots ??= new Set()).add(kept[j].pointer);
  if (!spots) return kept;
  const out: Issue[] = [];
  const groups = new Map<string, Group>();
  for (let j = 0; j < kept.length; j++) {
    issueWork.steps++;
    const issue = kept[j];
    if (!isBranchFinding(issue.keyword) || !spots.has(issue.pointer)) {
      out.push(issue);
      continue;
    }
    let group = groups.get(issue.pointer);
    if (!group) {
      groups.set(issue.pointer, (group = { at: out.length, keyword: '', types: [], values: [], count: 0, union: undefined }));
      out.push(issue);
    }
    add(group, issue, from[j], tolerant);
  }
  for (const [pointer, group] of groups) {
    if (group.count < 2) continue;
    const expected = expectation(group);
    if (!expected) {
      out[group.at] = group.union ?? out[group.at];
      continue;
    }
    out[group.at] = { pointer, keyword: group.keyword, message: `expected ${expected}, found ${describe(valueAt(root, pointer))}` };
  }
  return out;
}
