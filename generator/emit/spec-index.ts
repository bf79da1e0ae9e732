/**
 * The entry module of one spec (`anyresponses/<spec>`): re-exports the
 * generated types and the runtime pieces bound to this spec, and the pin it
 * was built from. It has no side effects and reads no file: staleness is
 * what `generate --check` reports, never something an import finds out.
 */
import type { EmittedFile, IR } from '../ir/types.js';
import { strLit as str } from './typescript/escape.js';

export function emitSpecIndex(ir: IR): EmittedFile[] {
  const dir = ir.pin.spec;
  const js = [
    `export * from './validators.js';`,
    `export const PIN = /* @__PURE__ */ Object.freeze({ name: ${str(ir.pin.name)}, sha256: ${str(ir.pin.sha256)}, version: ${str(ir.pin.version)} });`,
    '',
  ].join('\n');
  const dts = [
    `export type * from './types.js';`,
    `export * from './validators.js';`,
    `export declare const PIN: { readonly name: string; readonly sha256: string; readonly version: string };`,
    '',
  ].join('\n');
  return [
    { path: `${dir}/index.d.ts`, header: 'ts', contents: dts },
    { path: `${dir}/index.js`, header: 'ts', contents: js },
  ];
}
