/**
 * A spec ships each schema once (`generated/<spec>/schemas.js`, the strict
 * data the guards read); the client's tolerant path derives the tolerant
 * form from it at run time (runtime/validation/tolerant-schemas.ts). That
 * derivation must give what the generator's tolerant preparation gives
 * (generator/emit/ajv/prepare.ts), for every component of every spec: then
 * the tolerant verdicts and warnings are those the differential tests check
 * against `ajv.compile` of the prepared schemas. Equal as JSON values (key
 * order aside): the tolerant interpreter is then given the same schemas.
 */
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { guardData } from '../../generator/emit/ajv/guards.js';
import { checkDerivable, schemaData } from '../../generator/emit/ajv/schema-data.js';
import { prepareDefs } from '../../generator/emit/ajv/prepare.js';
import { defaultContext } from '../../generator/context.js';
import type { DiscriminatorTags, IR, Schema as IRSchema } from '../../generator/ir/types.js';
import { loadSpec } from '../../generator/load/index.js';
import { findPin, readSources } from '../../generator/load/sources.js';
import { buildIR, irOfSelection } from '../../generator/pipeline.js';
import { selectionsOf } from '../../generator/select/selections.js';
import { Interpreter } from '../../runtime/validation/interpret.js';
import { tolerantSchemas, type SchemaData } from '../../runtime/validation/tolerant-schemas.js';
import { hasShared, repoRoot } from '../support/shared.js';

/** The IR a generated spec module was emitted from (chat is a selection of the openai pin). */
async function irOf(spec: 'openai' | 'openresponses' | 'chat'): Promise<IR> {
  if (spec !== 'chat') return buildIR(spec);
  const ctx = defaultContext();
  const loaded = await loadSpec(findPin(readSources(ctx.sourcesFile), 'openai'), ctx);
  return irOfSelection(loaded, selectionsOf('openai').find((s) => s.spec === 'chat')!);
}

describe('the tolerant schemas derived at run time from the strict data', () => {
  it.each(['openai', 'openresponses', 'chat'] as const)('equal the tolerant preparation for every component of %s', async (spec) => {
    if (!hasShared()) return;
    const ir = await irOf(spec);
    const data = (await import(join(repoRoot, 'generated', spec, 'schemas.js'))) as SchemaData;
    const { schemaNames } = (await import(join(repoRoot, 'generated', spec, 'compiled.js'))) as { schemaNames: readonly string[] };
    expect(schemaNames).toEqual(Object.keys(ir.schemas));
    const want = prepareDefs(ir.schemas, 'tolerant');
    const derive = tolerantSchemas(data, schemaNames);
    expect(schemaNames.filter((c) => !isDeepStrictEqual(derive(c), want[c]))).toEqual([]);
    // Tag dispatch is where the two preparations differ most: the comparison covers it.
    expect(JSON.stringify(want).split('"discriminator"').length - 1).toBeGreaterThan(spec === 'chat' ? 0 : 10);
    // The shipped data is what the generator makes of these schemas now.
    const strict = prepareDefs(ir.schemas, 'strict');
    const guards = guardData(strict, 'g', 'p', (d) => d);
    expect(schemaNames.map((d, i) => data[`d${i}`] === guards.dataOf(d))).not.toContain(false);
    // The open variants' texts are their guards' alone (the tolerant form names the component).
    expect(data[`d${schemaNames.length}`]).toBeUndefined();
    expect((data.open as number[]).length).toBe(Object.keys(strict).length - schemaNames.length);
  }, 120_000);

  it('a name that is no component has no schema, and a missing def passes as the interpreter reads it', () => {
    const derive = tolerantSchemas({ d0: '"string"', open: [] }, ['A']);
    expect([derive('A'), derive('B'), derive('toString')]).toEqual([{ type: ['string', 'null'] }, undefined, undefined]);
    const v = new Interpreter(derive).validator('A');
    expect([v('x'), v(null), v(1)]).toEqual([true, true, false]);
  });
});

/** A tagged union of members `of` on `type`, each branch's tags listed (and a secondary tag where given). */
const union = (of: IRSchema[], branches: DiscriminatorTags['branches'], extra: IRSchema = {}): IRSchema => ({ ...extra, oneOf: of, discriminator: { propertyName: 'type', 'x-tags': { propertyName: 'type', branches } } });
const ref = (name: string) => ({ $ref: `#/$defs/${name}` });
const tagged = (tag: string, more: Record<string, IRSchema> = {}, required = ['type']): IRSchema => ({ type: 'object', properties: { type: { type: 'string', const: tag }, ...more }, required });
const MEMBERS: Record<string, IRSchema> = {
  A: tagged('a', { n: { type: 'integer', minimum: 0 } }),
  B: tagged('b', { s: { type: 'string', pattern: '^x', maxLength: 3 } }),
  User: tagged('message', { role: { type: 'string', enum: ['user'] } }, ['type', 'role']),
  Bot: tagged('message', { role: { type: 'string', enum: ['assistant'] } }, ['type', 'role']),
  Loose: tagged('c', { x: { type: 'number' } }, []),
};

/** Schemas through the generator (strict data as schemas.js ships it) and the runtime derivation, beside the tolerant preparation. */
function throughData(schemas: Record<string, IRSchema>) {
  const strict = prepareDefs(schemas, 'strict');
  const layout = schemaData(strict, Object.keys(schemas), guardData(strict, 'g', 'p', (d) => d));
  const data: SchemaData = { ...Object.fromEntries(layout.entries), open: layout.open };
  const derive = tolerantSchemas(data, Object.keys(schemas));
  const want = prepareDefs(schemas, 'tolerant');
  return Object.keys(schemas).map((n) => ({ name: n, got: derive(n), want: want[n] }));
}

const cases: Array<[string, Record<string, IRSchema>]> = [
  ['a tagged union of refs', { U: union([ref('A'), ref('B')], [{ tags: ['a'] }, { tags: ['b'] }]) }],
  ['with own properties beside it (a composition: members by their open variants)', { U: union([ref('A'), ref('B')], [{ tags: ['a'] }, { tags: ['b'] }], { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] }) }],
  ['a shared tag split by a secondary one', { U: union([ref('User'), ref('Bot'), ref('A')], [{ tags: ['message'], secondary: { propertyName: 'role', values: ['user'] } }, { tags: ['message'], secondary: { propertyName: 'role', values: ['assistant'] } }, { tags: ['a'] }]) }],
  ['a shared tag without a secondary one (tried in turn)', { U: union([ref('User'), ref('Bot'), ref('A')], [{ tags: ['message'] }, { tags: ['message'] }, { tags: ['a'] }]) }],
  ['a member whose tag is optional', { U: union([ref('A'), ref('Loose')], [{ tags: ['a'] }, { tags: ['c'] }]) }],
  ['inline members, one an inline oneOf', { U: union([tagged('a'), { oneOf: [tagged('b'), tagged('b', { z: { type: 'boolean' } })] }], [{ tags: ['a'] }, { tags: ['b'] }]) }],
  ['enums, consts, integers and nested arrays relaxed', { T: { type: 'object', properties: { e: { enum: ['x', 1, null] }, c: { const: true }, i: { type: 'array', items: { type: 'integer', maximum: 3 }, minItems: 1 }, f: { type: ['integer', 'string'] } }, required: ['e'], additionalProperties: false } }],
  ['allOf with a union of refs (open variants, closing names)', { T: { allOf: [ref('A'), { properties: { k: { type: 'string' } } }], anyOf: [ref('B'), { type: 'object' }] } }],
  ['additionalProperties as a schema, a lone ref, a boolean', { M: { type: 'object', additionalProperties: ref('A') }, R: ref('M'), Y: true as unknown as IRSchema }],
];

describe('the derivation, form by form (generator data in, tolerant preparation out)', () => {
  it.each(cases)('%s', (_name, schemas) => {
    for (const { name, got, want } of throughData({ ...MEMBERS, ...schemas })) expect(got, name).toStrictEqual(want);
  });

  it('the one form it cannot read back is refused when generating, naming where', () => {
    const schemas = { ...MEMBERS, U: union([ref('A'), { anyOf: [ref('B'), tagged('b')] }], [{ tags: ['a'] }, { tags: ['b'] }]) };
    expect(() => checkDerivable(schemas)).toThrow(/^schema data: U: a tag selects one member written as a lone anyOf/);
    // What it would derive (the shared-tag form, without null) is indeed not the tolerant preparation.
    expect(throughData(schemas).find((r) => r.name === 'U')!.got).not.toStrictEqual(prepareDefs(schemas, 'tolerant').U);
    for (const ok of cases) expect(() => checkDerivable({ ...MEMBERS, ...ok[1] })).not.toThrow();
  });
});
