/**
 * Emits a spec's input item table, for `toInputItems` (the package root's and
 * the spec module's) and for `responses()`, which applies it to output items
 * found in a request's `input`:
 *
 * - `<spec>/input-items.js`: `INPUT_ITEMS`, the table (shapes.ts, made
 *   small by compact.ts) as JSON text, which the runtime parses on first use
 *   (importing it costs a fifth of parsing it: the package root imports
 *   both tables); no import, no side effect;
 * - `<spec>/input-items.d.ts`: its declaration;
 * - `<spec>/replay-changes.json`: what the table changes per output item
 *   type and why (changes.ts), from which scripts/replay-doc.mjs renders
 *   docs/replay.md.
 *
 * Nothing for a spec without `POST /responses` (the chat selection). The
 * table reaches the output only through `JSON.stringify` and `strLit`.
 */
import type { EmittedFile, IR } from '../../ir/types.js';
import { refName } from '../../normalize/rule.js';
import { strLit } from '../typescript/escape.js';
import { Names } from '../typescript/names.js';
import { replayChanges } from './changes.js';
import { compactTable } from './compact.js';
import { itemSchemas } from './schema.js';
import { compileInputItems } from './shapes.js';
import { inDir, type EmitOptions } from '../options.js';

/** The TypeScript names of a spec's input and output item types, when both are components. */
export function itemTypeNames(ir: IR): { input: string; output: string } | undefined {
  const items = itemSchemas(ir);
  const input = items && refName(items.input.$ref);
  const output = items && refName(items.output.$ref);
  if (!input || !output) return undefined;
  // The same identifiers the types emitter gives (typescript/index.ts: components in document order, `Operations` reserved).
  const names = new Names(Object.keys(ir.schemas), ['Operations']);
  return { input: names.of(input), output: names.of(output) };
}

export function emitInputItems(ir: IR, options: EmitOptions): EmittedFile[] {
  const items = itemSchemas(ir);
  if (!items) return [];
  const dir = ir.pin.spec;
  const compiled = compileInputItems(ir, items.input);
  const table = compactTable(compiled);
  const types = itemTypeNames(ir);
  const js = `/** The input form of this spec's items, as JSON text: the table toInputItems applies (format: @anyresponses/codegen's emit/input-items/shapes.ts). */\nexport const INPUT_ITEMS = ${strLit(JSON.stringify(table))};\n`;
  const dts = [
    `/** The input form of this spec's items, as JSON text: the table toInputItems applies. */`,
    `export declare const INPUT_ITEMS: string;`,
    '',
  ].join('\n');
  const doc = { spec: dir, input: types?.input ?? null, output: types?.output ?? null, changes: replayChanges(ir, items.output, compiled) };
  return [
    { path: inDir(options.dir, 'input-items.js'), header: 'ts', contents: js },
    { path: inDir(options.dir, 'input-items.d.ts'), header: 'ts', contents: dts },
    // What docs/replay.md is rendered from: this repository's, not a user's output.
    ...(options.runtime === 'relative' ? [{ path: inDir(options.dir, 'replay-changes.json'), header: 'none' as const, contents: `${JSON.stringify(doc, null, 1)}\n` }] : []),
  ];
}
