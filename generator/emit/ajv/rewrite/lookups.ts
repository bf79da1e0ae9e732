/**
 * `enumSets` / `tagSwitches`: long chains of string comparisons (a union's
 * known tags, its dispatch) become one Set or Map lookup.
 */
import { closing } from './scan.js';

const STR = '"(?:[^"\\\\]|\\\\.)*"';
/** ajv's test of a closed enum of strings: `((x === "a") || (x === "b")) || (x === "c")`, nested left to right. */
const ENUM_CHAIN = new RegExp(`\\(+((?:data|tag)\\d*) === (${STR})\\)((?: \\|\\| \\(\\1 === ${STR}\\)\\))+)`, 'g');
const ENUM_ITEM = new RegExp(` \\|\\| \\((?:data|tag)\\d* === (${STR})\\)\\)`, 'g');

/** Chains longer than this become one lookup in a Set (the union of every stream event type has 60). */
const SET_MIN = 12;

/**
 * A long chain of string comparisons (a tag's enum of known values) becomes
 * `set.has(x)`: the same answer for every value (strict equality and Set
 * membership agree on strings, and a non-string is in neither), in one hash
 * lookup instead of up to 60 comparisons. The sets are made once, at the top.
 */
export function enumSets(code: string): string {
  const sets = new Map<string, string>();
  const out = code.replace(ENUM_CHAIN, (all, x: string, first: string, rest: string) => {
    const items = [first, ...[...rest.matchAll(ENUM_ITEM)].map((m) => m[1])];
    const opening = all.indexOf(x) - 1;
    // Exactly one opening parenthesis per item: the chain is whole, not the tail of a longer expression.
    if (items.length < SET_MIN || opening !== items.length - 1) return all;
    const list = `[${items.join(',')}]`;
    let name = sets.get(list);
    if (!name) sets.set(list, (name = `__enum${sets.size}`));
    return `${name}.has(${x})`;
  });
  if (sets.size === 0) return code;
  return [...sets].map(([list, name]) => `const ${name} = /* @__PURE__ */ new Set(${list});`).join('') + out;
}

const TAG_TEST = new RegExp(`if\\((tag\\d+) === (${STR})\\)\\{`, 'y');

/**
 * ajv dispatches on a tag with `if (tag === "a") {...} else if (tag === "b")
 * {...} ... else {...}`: up to 60 comparisons for the last event type. A
 * long chain becomes a switch on the tag's index in a Map (one lookup and a
 * jump); each branch and the final `else` run exactly as before.
 */
export function tagSwitches(code: string): string {
  const maps = new Map<string, string>();
  const rewrite = (text: string): string => {
    let out = '';
    let last = 0;
    for (let i = text.indexOf('if(tag'); i !== -1; i = text.indexOf('if(tag', i + 1)) {
      // Inside a chain already rewritten, or the tail of a chain too short to rewrite.
      if (i < last || text.slice(i - 5, i) === 'else ') continue;
      const cases: Array<{ tag: string; body: string }> = [];
      let tagVar: string | undefined;
      let fallback: string | undefined;
      let j = i;
      for (;;) {
        TAG_TEST.lastIndex = j;
        const m = TAG_TEST.exec(text);
        if (!m || (tagVar !== undefined && m[1] !== tagVar)) break;
        tagVar = m[1];
        const open = j + m[0].length - 1;
        const close = closing(text, open);
        cases.push({ tag: m[2], body: text.slice(open + 1, close) });
        j = close + 1;
        if (text.startsWith('else if(tag', j)) {
          j += 'else '.length;
          continue;
        }
        if (text.startsWith('else {', j)) {
          const open2 = j + 'else '.length;
          const close2 = closing(text, open2);
          fallback = text.slice(open2 + 1, close2);
          j = close2 + 1;
        }
        break;
      }
      const tags = cases.map((c) => c.tag);
      // A chain that stopped early (another test after an `else`) is left as it is, as are short chains and repeated tags.
      if (cases.length < SET_MIN || new Set(tags).size !== tags.length || text.startsWith('else', j)) continue;
      const list = `[${tags.map((t, k) => `[${t},${k}]`).join(',')}]`;
      let name = maps.get(list);
      if (!name) maps.set(list, (name = `__tags${maps.size}`));
      const body = cases.map((c, k) => `case ${k}:{${rewrite(c.body)}}break;`).join('') + (fallback !== undefined ? `default:{${rewrite(fallback)}}` : '');
      out += text.slice(last, i) + `switch(${name}.get(${tagVar})){${body}}`;
      last = j;
    }
    return out + text.slice(last);
  };
  const out = rewrite(code);
  return [...maps].map(([list, name]) => `const ${name} = /* @__PURE__ */ new Map(${list});`).join('') + out;
}

/** The helper a shared tag Map is made by: each item of the list at its index. */
export const INDEX_HELPER = 'function __indexes(list) { const map = new Map(); for (let i = 0; i < list.length; i++) map.set(list[i], i); return map; }';

const LIST = `\\[${STR}(?:,${STR})*\\]`;
const SCHEMA_LIST = new RegExp(`(?<![\\w$."])const (__schema\\d+) = (${LIST});`, 'g');
const ENUM_SET = new RegExp(`(?<![\\w$."])const (__enum\\d+) = /\\* @__PURE__ \\*/ new Set\\((${LIST})\\);`, 'g');
const TAG_MAP = new RegExp(`(?<![\\w$."])const (__tags\\d+) = /\\* @__PURE__ \\*/ new Map\\(\\[(\\[${STR},\\d+\\](?:,\\[${STR},\\d+\\])*)\\]\\);`, 'g');
const TAG_ENTRY = new RegExp(`\\[(${STR}),(\\d+)\\]`, 'g');

/**
 * `sharedLists`, after `pruneSchemas`: a Set of an enum's values, or a tag
 * Map, whose values are a list `pruneSchemas` keeps anyway (the enum's
 * `allowedValues`, for its error) is made from that list instead of
 * spelling the values out again: `new Set(__schemaN)`, the same members;
 * `__indexes(__schemaN)`, each tag at its index, which is what the Map
 * literal said (tagSwitches numbers its tags 0, 1, 2... and refuses a
 * repeated one). The list is declared before the Set or Map (both are made
 * at import); the call stays one pure call of a name, so a bundler still
 * drops it when unused.
 */
export function sharedLists(code: string): string {
  /** The first list declared with this text before `at`, in `text`. */
  const declaredBefore = (text: string) => {
    const lists = new Map<string, { name: string; at: number }>();
    for (const m of text.matchAll(SCHEMA_LIST)) if (!lists.has(m[2])) lists.set(m[2], { name: m[1], at: m.index });
    return (list: string, at: number) => {
      const found = lists.get(list);
      return found !== undefined && found.at < at ? found.name : undefined;
    };
  };
  let shared = declaredBefore(code);
  const sets = code.replace(ENUM_SET, (all, name: string, list: string, at: number) => {
    const from = shared(list, at);
    return from === undefined ? all : `const ${name} = /* @__PURE__ */ new Set(${from});`;
  });
  shared = declaredBefore(sets);
  let indexed = false;
  const out = sets.replace(TAG_MAP, (all, name: string, entries: string, at: number) => {
    const items = [...entries.matchAll(TAG_ENTRY)];
    if (!items.every((e, k) => Number(e[2]) === k)) return all;
    const from = shared(`[${items.map((e) => e[1]).join(',')}]`, at);
    if (from === undefined) return all;
    indexed = true;
    return `const ${name} = /* @__PURE__ */ __indexes(${from});`;
  });
  return indexed ? `${INDEX_HELPER}\n${out}` : out;
}
