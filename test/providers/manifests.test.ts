/** Provider manifests: every one valid against our schema, and the facts the client will rely on. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module.default;
const dir = join(repoRoot, 'schemas/providers');
const schema = JSON.parse(readFileSync(join(repoRoot, 'schemas/provider-manifest.schema.json'), 'utf8'));
const check = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const manifests = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ file: f, m: JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, any> }));
const byName = (n: string) => manifests.find((x) => x.m.name === n)!.m;

describe('provider manifests', () => {
  it.each(manifests.map((x) => [x.file, x] as const))('%s is valid and named like its file', (file, { m }) => {
    expect(check(m), JSON.stringify(check.errors)).toBe(true);
    expect(`${m.name}.json`).toBe(file);
  });

  it('names are unique; Responses providers have create and a base URL or a base URL env var', () => {
    expect(new Set(manifests.map((x) => x.m.name)).size).toBe(manifests.length);
    for (const { m } of manifests.filter((x) => x.m.responses)) {
      expect(m.operations).toContain('create');
      expect(m.baseURL ?? m.env.baseURL).toBeTruthy();
      if (!m.baseURL) expect(m.env.baseURL, `${m.name} needs a base URL env var`).toMatch(/^[A-Z_]+$/);
    }
  });

  it('the providers without a Responses API say so, with no operations', () => {
    for (const n of ['anthropic', 'gemini', 'mistral', 'cohere', 'bedrock']) expect(byName(n)).toMatchObject({ responses: false, operations: [] });
  });

  it('records what Groq and OpenRouter reject', () => {
    expect(byName('groq').rejects).toEqual([expect.objectContaining({ parameter: 'max_tool_calls' })]);
    expect(byName('openrouter').rejects).toEqual([expect.objectContaining({ parameter: 'store', values: [true] }), expect.objectContaining({ parameter: 'previous_response_id' })]);
  });

  it.each([
    ['a Responses provider without a flavor', { name: 'x', displayName: 'X', responses: true, env: {}, auth: { style: 'bearer' }, operations: ['create'], streaming: true, docs: ['d'] }, ''],
    ['an unknown operation', { ...{ name: 'x', displayName: 'X', responses: true, flavor: 'openai', env: {}, auth: { style: 'bearer' }, streaming: true, docs: ['d'] }, operations: ['teleport'] }, '/operations/0'],
    ['an unknown auth style', { name: 'x', displayName: 'X', responses: true, flavor: 'openai', env: {}, auth: { style: 'magic' }, operations: ['create'], streaming: true, docs: ['d'] }, '/auth/style'],
    ['a non-Responses provider with operations', { name: 'x', displayName: 'X', responses: false, operations: ['create'], docs: ['d'] }, '/operations'],
    ['no docs', { name: 'x', displayName: 'X', responses: false, docs: [] }, '/docs'],
    ['a stray key', { name: 'x', displayName: 'X', responses: false, docs: ['d'], baseUrl: 'typo' }, ''],
  ])('rejects %s (at %j)', (_name, manifest, pointer) => {
    expect(check(manifest)).toBe(false);
    expect(check.errors!.map((e) => e.instancePath)).toContain(pointer);
  });
});
