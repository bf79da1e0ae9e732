/**
 * The input item table emitter on a hand-made spec with hostile names: a
 * property named `__proto__`, a component and a tag named `constructor`, a
 * quote and a newline in a tag. The table keeps them as own keys, the
 * emitted module is valid JavaScript holding the same table, and the
 * runtime applies it as the spec says.
 */
import { describe, expect, it } from 'vitest';
import { emitInputItems } from '../../generator/emit/input-items/index.js';
import { repoEmitOptions } from '../../generator/emit/options.js';
import { compileInputItems } from '../../generator/emit/input-items/shapes.js';
import { itemSchemas } from '../../generator/emit/input-items/schema.js';
import type { IR } from '../../generator/ir/types.js';
import { conformItem } from '../../runtime/conversation/input-form.js';

const ref = (name: string) => ({ $ref: `#/$defs/${name}` });
const TAG = 'odd"\ntag';

const ir: IR = {
  pin: { name: 'hostile', spec: 'hostile', sha256: '0'.repeat(64), version: '1', url: 'file:hostile' },
  title: 'hostile',
  schemas: JSON.parse(
    JSON.stringify({
      Note: { type: 'object', properties: { type: { type: 'string', enum: ['note'] }, text: { type: 'string' }, PROTO: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } }, required: ['type', 'text', 'tags'] },
      constructor: { type: 'object', properties: { type: { type: 'string', enum: ['constructor'] }, id: { type: 'string' } }, required: ['type', 'id'] },
      Odd: { type: 'object', properties: { type: { type: 'string', enum: [TAG] } }, required: ['type'] },
      Item: {
        oneOf: [ref('Note'), ref('constructor'), ref('Odd')],
        discriminator: { propertyName: 'type', 'x-tags': { propertyName: 'type', branches: [{ tags: ['note'] }, { tags: ['constructor'] }, { tags: [TAG] }] } },
      },
      OutputNote: { type: 'object', properties: { type: { type: 'string', enum: ['note'] }, text: { type: 'string' }, status: { type: 'string' } }, required: ['type', 'text'] },
      Body: { type: 'object', properties: { input: { type: 'array', items: ref('Item') } } },
      Result: { type: 'object', properties: { output: { type: 'array', items: ref('OutputNote') } } },
    }).replace('"PROTO"', '"__proto__"'),
  ),
  operations: [{ id: 'create', method: 'post', path: '/responses', parameters: [], requestBody: { required: true, content: { 'application/json': ref('Body') } }, responses: { '200': { 'application/json': ref('Result') } }, errors: {} }],
};

describe('input item tables from hostile names', () => {
  it('the spec has the hostile keys as own properties', () => {
    expect(Object.keys(ir.schemas.Note.properties as object)).toContain('__proto__');
    expect(Object.hasOwn(ir.schemas, 'constructor')).toBe(true);
  });

  it('compiles, emits valid JavaScript holding the same table, and the runtime applies it', async () => {
    const table = compileInputItems(ir, itemSchemas(ir)!.input);
    const files = emitInputItems(ir, repoEmitOptions(ir.pin.spec));
    const js = files.find((f) => f.path === 'hostile/input-items.js')!.contents;
    const mod = (await import(`data:text/javascript,${encodeURIComponent(js)}`)) as { INPUT_ITEMS: string };
    const parsed = JSON.parse(mod.INPUT_ITEMS);
    expect(parsed.shapes.length).toBeGreaterThan(1);
    for (const source of [mod.INPUT_ITEMS, { root: table.root, shapes: table.shapes }]) {
      const note = JSON.parse('{"type":"note","text":"t","__proto__":"kept","status":"dropped"}');
      const out = conformItem(note, source) as Record<string, unknown>;
      expect(Object.keys(out)).toEqual(['type', 'text', '__proto__', 'tags']);
      expect(out.tags).toEqual([]);
      expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
      expect(conformItem({ type: 'constructor', id: 'c', extra: 1 }, source)).toEqual({ type: 'constructor', id: 'c' });
      expect(conformItem({ type: TAG, extra: 1 }, source)).toEqual({ type: TAG });
      const unknown = { type: 'toString', x: 1 };
      expect(conformItem(unknown, source)).toBe(unknown);
    }
    const doc = JSON.parse(files.find((f) => f.path === 'hostile/replay-changes.json')!.contents);
    expect(doc.changes).toEqual([{ item: 'note', at: '', change: 'drops `status`', why: 'not in the input form (`Note`)' }, { item: 'note', at: '', change: 'fills a missing `tags` with `[]`', why: 'required in the input form (`Note`), optional in the output form' }]);
  });
});
