/**
 * The issue for a value a validator could not finish: a strict validator (ajv's code,
 * recursive along recursive schemas) that ran out of stack on a value nested very deep, or
 * on one that contains itself. Only then is the value walked, once and without recursion,
 * to find where: the first spot nested deeper than `VALIDATION_LIMITS.maxDepth`, or the first
 * reference back to a value that contains it.
 */
import type { Issue } from './issues.js';
import { clip, VALIDATION_LIMITS } from './limits.js';
import { esc } from './pointers.js';

interface Frame {
  node: object;
  pointer: string;
  keys: string[] | undefined;
  next: number;
}

type Found = { kind: 'deep'; pointer: string } | { kind: 'cycle'; pointer: string; target: string };

/** The first spot, in document order, deeper than `maxDepth` or closing a cycle; undefined when there is none. */
export function findOverflow(value: unknown, maxDepth = VALIDATION_LIMITS.maxDepth): Found | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const open = new Map<object, string>(); // the containers on the current path, with their pointers
  // Containers walked to the end without a finding, with the depth they were walked from: a value
  // shared by several parents is walked again only from deeper, so sharing cannot make the walk explode.
  const done = new WeakMap<object, number>();
  const stack: Frame[] = [];
  const enter = (node: object, pointer: string) => {
    open.set(node, pointer);
    stack.push({ node, pointer, keys: Array.isArray(node) ? undefined : Object.keys(node), next: 0 });
  };
  enter(value, '');
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const size = top.keys ? top.keys.length : (top.node as unknown[]).length;
    if (top.next >= size) {
      stack.pop();
      open.delete(top.node);
      done.set(top.node, stack.length);
      continue;
    }
    const key = top.keys ? top.keys[top.next] : String(top.next);
    top.next++;
    const child = (top.node as Record<string, unknown>)[key];
    const pointer = `${top.pointer}/${top.keys ? esc(key) : key}`;
    if (stack.length > maxDepth) return { kind: 'deep', pointer };
    if (child === null || typeof child !== 'object') continue;
    const target = open.get(child);
    if (target !== undefined) return { kind: 'cycle', pointer, target };
    const seenFrom = done.get(child);
    if (seenFrom !== undefined && seenFrom <= stack.length) continue;
    enter(child, pointer);
  }
  return undefined;
}

/** The issue for a value whose validation ran out of stack. */
export function overflowIssue(value: unknown, cause?: unknown): Issue {
  const limit = VALIDATION_LIMITS.maxDepth;
  const found = findOverflow(value, limit);
  if (found?.kind === 'cycle') {
    return { pointer: found.pointer, keyword: 'cycle', message: `the value contains itself: this refers back to ${found.target ? clip(found.target) : 'the whole value'} (a JSON value cannot)` };
  }
  if (found) return { pointer: found.pointer, keyword: 'maxDepth', message: `nested more than ${limit} levels deep (VALIDATION_LIMITS.maxDepth): the validator ran out of stack` };
  const why = cause instanceof Error ? `: ${cause.message}` : '';
  return { pointer: '', keyword: 'maxDepth', message: `the validator could not finish (out of stack${why}); the value is within ${limit} levels, so the caller's own stack was already deep` };
}
