/**
 * Runs load -> normalize -> select -> emit for one pin in a worker thread,
 * so two specs are generated in parallel (ajv's compile is CPU-bound). The
 * result is plain data posted back to the planner; nothing is written here.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { GeneratorContext } from './context.js';
import type { EmittedFile } from './ir/types.js';
import { emitSpec } from './emit/index.js';
import { loadSpec } from './load/index.js';
import type { Pin } from './load/sources.js';
import { irFromLoaded, irOfSelection } from './pipeline.js';
import { selectionsOf } from './select/selections.js';
import { repoEmitOptions } from './emit/options.js';

export interface PinResult {
  files: EmittedFile[];
  bytes: Buffer;
}

export async function emitPin(pin: Pin, ctx: GeneratorContext): Promise<PinResult> {
  const loaded = await loadSpec(pin, ctx);
  const include = pin.spec === 'openai' ? ctx.include : (pin.include ?? ctx.include);
  return { files: [...(await emitSpec(irFromLoaded(loaded, include, ctx), ctx.emit, repoEmitOptions(pin.spec))), ...(await emitSelections(loaded, ctx))], bytes: loaded.bytes };
}

/** The files of every selection cut from this pin (`generated/chat/` from the openai pin). */
export async function emitSelections(loaded: Awaited<ReturnType<typeof loadSpec>>, ctx: GeneratorContext): Promise<PinResult['files']> {
  const files: PinResult['files'] = [];
  for (const s of selectionsOf(loaded.pin.name)) files.push(...(await emitSpec(irOfSelection(loaded, s), ctx.emit, repoEmitOptions(s.spec))));
  return files;
}

if (parentPort && workerData?.kind === 'anyresponses-emit') {
  const { pin, ctx } = workerData as { pin: Pin; ctx: GeneratorContext };
  emitPin(pin, ctx).then(
    (r) => parentPort!.postMessage({ ok: true, files: r.files, bytes: r.bytes }),
    (e: Error) => parentPort!.postMessage({ ok: false, message: e.message, name: e.name }),
  );
}
