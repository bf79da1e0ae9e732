import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Schema } from '../../generator/ir/types.js';
import { normalize } from '../../generator/normalize/index.js';
import type { Rule } from '../../generator/normalize/rule.js';
import { RULES } from '../../generator/normalize/rules/index.js';
import { mapSchema } from '../../generator/util/walk.js';
import { repoRoot } from '../support/shared.js';

interface RuleCase {
  name: string;
  component?: string;
  lookup?: Record<string, Schema>;
  in: Schema;
  out: Schema;
}

const fixture = <T>(name: string): T => JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/normalize', `${name}.json`), 'utf8')) as T;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const pin = { name: 'fixture', spec: 'fixture', sha256: '0'.repeat(64), version: '0', url: 'file:fixture' };
const normalizeSchemas = (schemas: Record<string, Schema>) =>
  normalize({ openapi: '3.1.0', title: 't', version: '0', schemas, operations: [] }, pin).schemas;

describe('every structural rule has a fixture and does exactly what it says', () => {
  it.each(RULES.map((r) => [r.name, r] as [string, Rule]))('%s', (name, rule) => {
    const cases = fixture<RuleCase[]>(name);
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      const input = deepFreeze(structuredClone(c.in));
      const ctx = { component: c.component ?? 'X', lookup: (n: string) => c.lookup?.[n] };
      const out = mapSchema(input, (node) => rule.apply(node, ctx));
      expect(out, c.name).toEqual(c.out);
    }
  });
});

describe('discriminator-tags (second pass, needs every component)', () => {
  it.each(fixture<Array<{ name: string; in: Record<string, Schema>; out: Record<string, Schema> }>>('discriminator-tags').map((c) => [c.name, c] as const))(
    '%s',
    (_name, c) => {
      expect(normalizeSchemas(deepFreeze(structuredClone(c.in)))).toEqual(c.out);
    },
  );
});

describe('the whole normalize stage', () => {
  it.each(fixture<Array<{ name: string; in: Record<string, Schema>; out: Record<string, Schema> }>>('pipeline').map((c) => [c.name, c] as const))(
    '%s',
    (_name, c) => {
      const input = deepFreeze(structuredClone(c.in));
      expect(normalizeSchemas(input)).toEqual(c.out);
      expect(input).toEqual(c.in);
    },
  );

  it('gives identical output twice and leaves the input unmutated', () => {
    const cases = fixture<Array<{ in: Record<string, Schema> }>>('pipeline');
    for (const c of cases) {
      const input = deepFreeze(structuredClone(c.in));
      expect(JSON.stringify(normalizeSchemas(input))).toBe(JSON.stringify(normalizeSchemas(input)));
    }
  });
});
