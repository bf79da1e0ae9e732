/**
 * Emit: every emitter, run for one spec's IR. Each emitter is pure and
 * returns `EmittedFile`s; this registry is the one place that lists them.
 */
import type { EmittedFile, IR } from '../ir/types.js';
import { emitTypes } from './typescript/index.js';
import { emitValidators } from './ajv/index.js';
import { emitSpecIndex } from './spec-index.js';
import { emitInputItems } from './input-items/index.js';

export type Emitter = (ir: IR) => EmittedFile[];

/** The emitters run for each generated spec, in order. */
export const SPEC_EMITTERS: ReadonlyArray<{ name: string; emit: Emitter }> = [
  { name: 'types', emit: emitTypes },
  { name: 'validators', emit: emitValidators },
  // The entry module and the input item table its toInputItems binds.
  { name: 'index', emit: (ir) => [...emitInputItems(ir), ...emitSpecIndex(ir)] },
];

export function emitSpec(ir: IR, only?: readonly string[]): EmittedFile[] {
  return SPEC_EMITTERS.filter((e) => !only || only.includes(e.name)).flatMap((e) => e.emit(ir));
}
