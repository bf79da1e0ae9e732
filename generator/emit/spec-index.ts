/**
 * The entry module of one spec (`anyresponses/<spec>`): re-exports the
 * generated types and the runtime pieces bound to this spec, and at import
 * warns once if `schemas/sources.json` has moved to another pin since this
 * code was generated.
 */
import type { EmittedFile, IR } from '../ir/types.js';
import { strLit as str } from './typescript/escape.js';

export function emitSpecIndex(ir: IR): EmittedFile[] {
  const dir = ir.pin.spec;
  const js = [
    `import { checkPin } from '../../dist/runtime/internal/pin-check.js';`,
    `export * from './validators.js';`,
    `export const PIN = Object.freeze({ name: ${str(ir.pin.name)}, sha256: ${str(ir.pin.sha256)}, version: ${str(ir.pin.version)} });`,
    `checkPin(new URL('../../schemas/sources.json', import.meta.url), PIN.name, PIN.sha256);`,
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
