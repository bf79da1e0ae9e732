/**
 * The entry module of one spec (`anyresponses/<spec>`, or a user's
 * `src/gen/index.js`): re-exports the generated types and the runtime
 * pieces bound to this spec (for a spec with `POST /responses`,
 * `toInputItems` bound to its input item table), the pin it was built
 * from, and `SPEC`: its
 * name, flavor, and schema names and paths by role (roles.ts), which the
 * generated client and the mock server read. It has no side effects and
 * reads no file: staleness is what `generate --check` reports, never
 * something an import finds out.
 */
import type { EmittedFile, IR } from '../ir/types.js';
import { itemTypeNames } from './input-items/index.js';
import { inDir, RUNTIME_SPECIFIERS, type EmitOptions } from './options.js';
import { specRoles } from './roles.js';
import { strLit as str, propKey } from './typescript/escape.js';

/** A frozen object literal of string values, in the given key order. */
function frozen(entries: Array<[string, string]>): string {
  return entries.length ? `/* @__PURE__ */ Object.freeze({ ${entries.map(([k, v]) => `${propKey(k)}: ${str(v)}`).join(', ')} })` : '/* @__PURE__ */ Object.freeze({})';
}

function literalType(entries: Array<[string, string]>): string {
  return entries.length ? `{ ${entries.map(([k, v]) => `readonly ${propKey(k)}: ${str(v)};`).join(' ')} }` : '{}';
}

export function emitSpecIndex(ir: IR, options: EmitOptions): EmittedFile[] {
  const roles = specRoles(ir);
  const schemas = Object.entries(roles.schemas);
  const paths = Object.entries(roles.paths);
  const flavor = ir.pin.flavor;
  const name = ir.pin.spec;
  const items = itemTypeNames(ir);
  const js = [
    ...(items
      ? [
          `import { convertItems, flavorOption } from ${str(RUNTIME_SPECIFIERS[options.runtime].validation)};`,
          `import { INPUT_ITEMS } from './input-items.js';`,
          `/** A response's output items as this spec's input items (see anyresponses' docs/replay.md). */`,
          `export function toInputItems(output, options) { return convertItems(output, INPUT_ITEMS, flavorOption(options, ${str(name)})); }`,
        ]
      : []),
    `export * from './validators.js';`,
    `export const PIN = /* @__PURE__ */ Object.freeze({ name: ${str(ir.pin.name)}, sha256: ${str(ir.pin.sha256)}, version: ${str(ir.pin.version)} });`,
    `/** What this spec is to the runtime: its name, flavor, and schema names and paths by role. */`,
    `export const SPEC = /* @__PURE__ */ Object.freeze({ name: ${str(ir.pin.spec)}, ${flavor === undefined ? '' : `flavor: ${str(flavor)}, `}schemas: ${frozen(schemas)}, paths: ${frozen(paths)} });`,
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
          ` * items of a type the spec does not know pass unchanged (see anyresponses' docs/replay.md).`,
          ` */`,
          `export declare function toInputItems(output: readonly (${items.output} | ${items.input})[], options?: { flavor?: ${str(name)} }): ${items.input}[];`,
        ]
      : []),
    `export declare const PIN: { readonly name: string; readonly sha256: string; readonly version: string };`,
    `/** What this spec is to the runtime: its name, flavor, and schema names and paths by role. */`,
    `export declare const SPEC: { readonly name: ${str(ir.pin.spec)};${flavor === undefined ? '' : ` readonly flavor: ${str(flavor)};`} readonly schemas: ${literalType(schemas)}; readonly paths: ${literalType(paths)} };`,
    '',
  ].join('\n');
  return [
    { path: inDir(options.dir, 'index.d.ts'), header: 'ts', contents: dts },
    { path: inDir(options.dir, 'index.js'), header: 'ts', contents: js },
  ];
}
