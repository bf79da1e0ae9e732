/**
 * The entry module of one spec (`anyresponses/<spec>`): re-exports the
 * generated types and the runtime pieces bound to this spec (for a spec
 * with `POST /responses`, `toInputItems` bound to its input item table), and
 * the pin it was built from. It has no side effects and reads no file:
 * staleness is what `generate --check` reports, never something an import
 * finds out.
 */
import type { EmittedFile, IR } from '../ir/types.js';
import { itemTypeNames } from './input-items/index.js';
import { strLit as str } from './typescript/escape.js';

export function emitSpecIndex(ir: IR): EmittedFile[] {
  const dir = ir.pin.spec;
  const items = itemTypeNames(ir);
  const js = [
    ...(items
      ? [
          `import { convertItems, flavorOption } from '../../dist/runtime/conversation/convert.js';`,
          `import { INPUT_ITEMS } from './input-items.js';`,
          `/** A response's output items as this spec's input items (see docs/replay.md). */`,
          `export function toInputItems(output, options) { return convertItems(output, INPUT_ITEMS, flavorOption(options, ${str(dir)})); }`,
        ]
      : []),
    `export * from './validators.js';`,
    `export const PIN = /* @__PURE__ */ Object.freeze({ name: ${str(ir.pin.name)}, sha256: ${str(ir.pin.sha256)}, version: ${str(ir.pin.version)} });`,
    '',
  ].join('\n');
  const dts = [
    ...(items ? [`import type { ${items.input}, ${items.output} } from './types.js';`] : []),
    `export type * from './types.js';`,
    `export * from './validators.js';`,
    ...(items
      ? [
          `/**`,
          ` * A response's output items as this spec's input items, strictly valid as the next turn's \`input\`:`,
          ` * what the input form does not allow is dropped, ids, call ids and encrypted content are kept,`,
          ` * items of a type the spec does not know pass unchanged (see docs/replay.md).`,
          ` */`,
          `export declare function toInputItems(output: readonly (${items.output} | ${items.input})[], options?: { flavor?: ${str(dir)} }): ${items.input}[];`,
        ]
      : []),
    `export declare const PIN: { readonly name: string; readonly sha256: string; readonly version: string };`,
    '',
  ].join('\n');
  return [
    { path: `${dir}/index.d.ts`, header: 'ts', contents: dts },
    { path: `${dir}/index.js`, header: 'ts', contents: js },
  ];
}
