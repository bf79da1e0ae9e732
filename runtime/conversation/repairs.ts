/**
 * Provider shapes that the input form cannot hold and that the spec's own
 * form can carry without inventing anything: each is rewritten into that
 * form before the flavor's table is applied. One entry per shape, with why
 * and the recording that showed it. A repair applies only to an item type
 * the flavor's table knows (an unknown type always passes unchanged) and
 * only when its `when` matches.
 */
type Json = Record<string, unknown>;

export interface Repair {
  /** The item type (its `type`). */
  type: string;
  /** The provider whose shape this is. */
  provider: string;
  when(item: Json): boolean;
  apply(item: Json): Json;
  /** What is rewritten, and why. */
  why: string;
  /** The recording (under ../shared/fixtures/recorded) that shows the shape. */
  seen: string;
}

/** The search action an xAI `web_search_call` describes in its `arguments` (`{"query": ...}`). */
function searchAction(args: unknown): Json {
  let parsed: unknown;
  try {
    parsed = typeof args === 'string' ? JSON.parse(args) : undefined;
  } catch {
    parsed = undefined;
  }
  const query = parsed && typeof parsed === 'object' ? (parsed as Json).query : undefined;
  return typeof query === 'string' ? { type: 'search', query } : { type: 'search' };
}

/** Sets a key on a plain object, even `__proto__` (as an own property, as JSON.parse makes it). */
function put(o: Json, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

/**
 * A copy of an item with one more property. Not `{ ...item, [key]: value }`:
 * on Node 20 a spread followed by a property costs about 3 µs per call (ten
 * times this loop), which bench/replay.bench.mjs showed on xAI's items.
 */
function withProperty(item: Json, key: string, value: unknown): Json {
  const out: Json = {};
  for (const k of Object.keys(item)) put(out, k, item[k]);
  put(out, key, value);
  return out;
}

export const REPAIRS: readonly Repair[] = [
  {
    type: 'web_search_call',
    provider: 'xai',
    when: (item) => item.action === undefined && typeof item.arguments === 'string',
    apply: (item) => withProperty(item, 'action', searchAction(item.arguments)),
    why: "xAI describes its server-side search like a function call (`name`, `arguments`, `call_id`) and leaves out the `action` the spec requires: the action becomes `{ type: 'search', query }` with the query from `arguments`, and the function-call fields are dropped (the input form has none)",
    seen: 'xai/xai-web-search-tool.1.json',
  },
];

/** The item with the first matching repair applied (the same object when none matches). */
export function repair(item: Json): Json {
  for (const r of REPAIRS) if (item.type === r.type && r.when(item)) return r.apply(item);
  return item;
}
