/**
 * Emit: every emitter, run for one spec's IR. Each emitter is pure and
 * returns `EmittedFile`s; this registry is the one place that lists them.
 * The same emitters and options serve this repository's `generated/` and a
 * user's own spec (options.ts says what differs: where the files go and how
 * they import the runtime).
 */
import type { EmittedFile, IR } from '../ir/types.js';
import { emitTypes } from './typescript/index.js';
import { emitValidators } from './ajv/index.js';
import { emitSpecIndex } from './spec-index.js';
import { emitClient } from './client.js';
import type { EmitOptions } from './options.js';
import { emitInputItems } from './input-items/index.js';

export type Emitter = (ir: IR, options: EmitOptions) => EmittedFile[] | Promise<EmittedFile[]>;

/** The emitters run for each generated spec, in order. */
export const SPEC_EMITTERS: ReadonlyArray<{ name: string; emit: Emitter }> = [
  { name: 'types', emit: emitTypes },
  { name: 'validators', emit: emitValidators },
  // The entry module and the input item table its toInputItems binds.
  { name: 'index', emit: (ir, options) => [...emitInputItems(ir, options), ...emitSpecIndex(ir, options)] },
  { name: 'client', emit: emitClient },
];

/** Async only because the validators are minified by esbuild's service (ajv/minify.ts); the emitters stay pure. */
export async function emitSpec(ir: IR, only: readonly string[] | undefined, options: EmitOptions): Promise<EmittedFile[]> {
  const files: EmittedFile[] = [];
  for (const e of SPEC_EMITTERS) if (!only || only.includes(e.name)) files.push(...(await e.emit(ir, options)));
  return files;
}
