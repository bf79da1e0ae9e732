/**
 * The entry module of one spec (`anyresponses/<spec>`, or a user's
 * `src/gen/index.js`): re-exports the generated types and the runtime
 * pieces bound to this spec, the pin it was built from, and `SPEC`: its
 * name, flavor, and schema names and paths by role (roles.ts), which the
 * generated client and the mock server read. It has no side effects and
 * reads no file: staleness is what `generate --check` reports, never
 * something an import finds out.
 */
import type { EmittedFile, IR } from '../ir/types.js';
import { inDir, type EmitOptions } from './options.js';
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
  const js = [
    `export * from './validators.js';`,
    `export const PIN = /* @__PURE__ */ Object.freeze({ name: ${str(ir.pin.name)}, sha256: ${str(ir.pin.sha256)}, version: ${str(ir.pin.version)} });`,
    `/** What this spec is to the runtime: its name, flavor, and schema names and paths by role. */`,
    `export const SPEC = /* @__PURE__ */ Object.freeze({ name: ${str(ir.pin.spec)}, ${flavor === undefined ? '' : `flavor: ${str(flavor)}, `}schemas: ${frozen(schemas)}, paths: ${frozen(paths)} });`,
    '',
  ].join('\n');
  const dts = [
    `export type * from './types.js';`,
    `export * from './validators.js';`,
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
