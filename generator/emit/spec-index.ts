/**
 * The entry module of one spec (`anyresponses/<spec>`): re-exports the
 * generated types and, in JS, the runtime pieces bound to this spec.
 */
import type { EmittedFile, IR } from '../ir/types.js';

export function emitSpecIndex(ir: IR): EmittedFile[] {
  const dir = ir.pin.spec;
  return [
    { path: `${dir}/index.d.ts`, header: 'ts', contents: `export type * from './types.js';\n` },
    { path: `${dir}/index.js`, header: 'ts', contents: `export {};\n` },
  ];
}
