import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitTypes } from '../../generator/emit/typescript/index.js';
import type { IR } from '../../generator/ir/types.js';
import { buildIR } from '../../generator/pipeline.js';
import { hasShared, repoRoot } from '../support/shared.js';
import { identifiers, statementKinds, typeCheck } from '../support/typecheck.js';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const fixtureIR = (name: string): IR => {
  const raw = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/types', `${name}.json`), 'utf8')) as Pick<IR, 'schemas' | 'operations'>;
  return deepFreeze({ pin: { name, spec: name, sha256: '0'.repeat(64), version: '1', url: 'fixture' }, title: name, ...raw });
};
const emit = (name: string) => emitTypes(fixtureIR(name))[0].contents;
const check = (types: string, usage = '') => typeCheck({ '/t/types.d.ts': types, '/t/usage.ts': usage ? `import type * as T from './types.js';\n${usage}` : 'export {};' });

describe.each(['basics', 'unions', 'variants', 'hostile'])('golden output: %s', (name) => {
  it('matches its golden file, compiles under strict tsc, and is pure and deterministic', async () => {
    const ir = fixtureIR(name);
    const first = emitTypes(ir)[0];
    expect(first.path).toBe(`${name}/types.d.ts`);
    await expect(first.contents).toMatchFileSnapshot(`../fixtures/types/${name}.d.ts`);
    expect(emitTypes(ir)[0].contents).toBe(first.contents);
    expect(check(first.contents)).toEqual([]);
  });
});

describe('what the emitted types mean', () => {
  it.each([
    ['required, optional and nullable properties', 'basics', `
      const ok: T.Job = { id: 'a', status: 'queued', note: null, kind: 'job' };
      // @ts-expect-error: note is required (nullable is not optional)
      const missing: T.Job = { id: 'a', status: 'queued', kind: 'job' };
      // @ts-expect-error: status is a closed enum
      const badEnum: T.Job = { id: 'a', status: 'lost', note: null };
      const nullable: T.Job['priority'] = null;`],
    ['index signatures only where additionalProperties allows one', 'basics', `
      const meta: T.Job['meta'] = { any: 'string' };
      const free: T.Job['free'] = { anything: 1 };
      const open: T.Job['open'] = { a: true, more: 1 };
      // @ts-expect-error: additionalProperties false
      const exact: T.Job['exact'] = { a: true, more: 1 };
      // @ts-expect-error: no index signature without additionalProperties
      const job: T.Job = { id: 'a', status: 'done', note: null, surprise: 1 };`],
    ['tuples, consts and mixed enums', 'basics', `
      const pair: T.Job['pair'] = ['a', 1];
      // @ts-expect-error: items false closes the tuple
      const long: T.Job['pair'] = ['a', 1, 2];
      const flags: Array<T.Job['flags']> = [1, true, null, 'x'];`],
    ['recursion, self-loops and allOf', 'basics', `
      const tree: T.Tree = { children: [{ children: [] }], parent: null };
      const loop: T.Loop = 'anything goes';
      const c: T.Combined = { id: 'a', status: 'done', note: null, extra: 1 };
      // @ts-expect-error: allOf adds a required property
      const c2: T.Combined = { id: 'a', status: 'done', note: null };`],
    ['operations', 'basics', `
      const body: T.CreateJobRequestBody = { id: 'a', status: 'done', note: null };
      const res: T.Operations['createJob']['response'] = body;
      const ev: T.CreateJobStreamEvent = 'queued';
      const m: T.Operations['createJob']['method'] = 'post';`],
    ['switch on the real tag literals narrows unions (oneOf, anyOf, tag through allOf)', 'unions', `
      export function f(item: T.Item): string {
        switch (item.type) {
          case 'text': return item.text;
          case 'function_call': return item.name;
          case 'tool_output': return item.output;
          default: { const never: never = item; return never; }
        }
      }
      export function g(e: T.Event): string {
        if (e.type === 'delta') return e.delta;
        return e.item.type;
      }
      // @ts-expect-error: tags are literals, not schema names
      const wrong: T.Item['type'] = 'Text';`],
    ['readOnly/writeOnly give request and response variants', 'variants', `
      const req: T.UserRequest = { name: 'n', password: 'p' };
      const res: T.User = { id: 'i', name: 'n' };
      // @ts-expect-error: readOnly id is not part of a request
      const req2: T.UserRequest = { id: 'i', name: 'n' };
      // @ts-expect-error: writeOnly password is not part of a response
      const res2: T.User = { id: 'i', name: 'n', password: 'p' };
      const team: T.TeamRequest = { members: [req] };
      const body: T.CreateTeamRequestBody = team;
      const plain: T.Plain = { x: 1 };`],
  ])('%s', (_name, fixture, usage) => {
    expect(check(emit(fixture), usage)).toEqual([]);
  });

  it('a usage error is reported (the checks above can fail)', () => {
    const diags = check(emit('basics'), `const bad: T.Job = { id: 1, status: 'done', note: null };`);
    expect(diags.map((d) => d.message)).toEqual(["Type 'number' is not assignable to type 'string'."]);
  });
});

describe('hostile schemas', () => {
  const out = emit('hostile');

  it('stay inert: only type declarations, no injected identifiers', () => {
    expect(new Set(statementKinds(out))).toEqual(new Set(['TypeAliasDeclaration', 'InterfaceDeclaration']));
    const ids = identifiers(out);
    for (const bad of ['pwned', 'pwned2', 'alert', 'injected']) expect(ids.has(bad)).toBe(false);
  });

  it('get valid, distinct names and quoted keys', () => {
    expect(out).toContain('export type default_ =');
    expect(out).toContain('export type _1Foo =');
    expect(out).toContain('export type Foo_Bar_Baz =');
    expect(out).toContain('export type Foo_Bar_Baz_2 =');
    expect(out).toContain('"__proto__": string;');
    expect(out).toContain('"9lives"?: boolean;');
    expect(check(out, `const e: T.Evil = { class: 'c', ['__proto__']: 'p', constructor: 1, 'new\\nline': 'x' };`)).toEqual([]);
  });
});

describe('the real specs', () => {
  it.each([
    ['openresponses', undefined],
    ['openai', undefined],
    ['openai', 'all'],
  ] as const)('%s (include %s) emits types that compile under strict tsc', async (pin, include) => {
    if (!hasShared()) return;
    const ir = await buildIR(pin, { include });
    const [file] = emitTypes(ir);
    const names = Object.keys(ir.schemas).length;
    if (include === 'all') expect(names).toBe(1422);
    expect(check(file.contents)).toEqual([]);
  }, 180_000);
});
