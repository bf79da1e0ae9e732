/**
 * Plans a whole generation in memory: every generated pin through load,
 * normalize, select and the emitters, plus the stamp. `runGenerate`
 * (generate.ts) then either checks (no writes) or hands the plan to the
 * write stage.
 */
import { Worker } from 'node:worker_threads';
import type { GeneratorContext } from './context.js';
import { emitPin, emitSelections, type PinResult } from './emit-worker.js';
import { emitSpec } from './emit/index.js';
import { repoEmitOptions } from './emit/options.js';
import { fingerprint, generatorVersion } from './fingerprint.js';
import { loadSpec } from './load/index.js';
import type { Fetcher } from './load/locate.js';
import { readSources, type Pin } from './load/sources.js';
import { irFromLoaded } from './pipeline.js';
import { loadProviders, MANIFEST_SCHEMA_INPUT } from './load/providers.js';
import { emitProviders } from './emit/providers/index.js';
import { emitRootTypes } from './emit/root-types.js';
import { emitProviderModules } from './emit/providers/modules.js';
import type { Plan, PlannedFile } from './write/plan.js';

export async function planGeneration(ctx: GeneratorContext, fetcher?: Fetcher): Promise<Plan> {
  const pins = readSources(ctx.sourcesFile).filter((p) => p.generate);
  const version = generatorVersion(ctx.codegenDir);
  const files: PlannedFile[] = [];
  const upstream: Plan['upstream'] = [];
  const results = await Promise.all(pins.map((pin, i) => (i > 0 && !fetcher && canUseWorkers() ? inWorker(pin, ctx) : inThisThread(pin, ctx, fetcher))));
  pins.forEach((pin, i) => {
    upstream.push({ path: pin.file, bytes: results[i].bytes });
    const inputs = [{ name: pin.name, version: pin.version, sha256: pin.sha256 }];
    for (const f of results[i].files) files.push({ ...f, inputs });
  });
  if (ctx.emit.includes('index')) {
    const pinInputs = pins.map((p) => ({ name: p.name, version: p.version, sha256: p.sha256 }));
    for (const f of emitRootTypes()) files.push({ ...f, inputs: pinInputs });
  }
  if (ctx.emit.includes('providers')) {
    const providers = loadProviders(ctx.providersDir, ctx.manifestSchemaFile);
    // The manifest schema is the generator's own, like its templates: the generator's version names it.
    const manifests = providers.inputs.filter((i) => i.name !== MANIFEST_SCHEMA_INPUT);
    for (const f of await emitProviders(providers)) files.push({ ...f, inputs: manifests });
    for (const f of emitProviderModules(providers.manifests, ctx.templatesDir)) {
      // A provider module depends on its own manifest only.
      const own = `schemas/providers/${f.path.replace(/^providers\//, '').replace(/\.d\.ts$|\.js$/, '')}.json`;
      files.push({ ...f, inputs: manifests.filter((i) => i.name === own) });
    }
  }
  return {
    files,
    upstream,
    stamp: {
      generator: version,
      fingerprint: fingerprint(ctx, version),
      pins: pins.map((p) => ({ name: p.name, sha256: p.sha256, version: p.version })),
      include: ctx.include,
      files: {},
    },
  };
}

async function inThisThread(pin: Pin, ctx: GeneratorContext, fetcher?: Fetcher): Promise<PinResult> {
  if (!fetcher) return emitPin(pin, ctx);
  const loaded = await loadSpec(pin, ctx, fetcher);
  const include = pin.spec === 'openai' ? ctx.include : (pin.include ?? ctx.include);
  return { files: [...(await emitSpec(irFromLoaded(loaded, include, ctx), ctx.emit, repoEmitOptions(pin.spec))), ...(await emitSelections(loaded, ctx))], bytes: loaded.bytes };
}

/** Workers need the compiled generator (a .js worker file); from TypeScript sources everything runs in this thread. */
function canUseWorkers(): boolean {
  return import.meta.url.endsWith('.js');
}

function inWorker(pin: Pin, ctx: GeneratorContext): Promise<PinResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./emit-worker.js', import.meta.url), { workerData: { kind: 'anyresponses-emit', pin, ctx } });
    worker.once('message', (m: { ok: true; files: PinResult['files']; bytes: Uint8Array } | { ok: false; message: string; name: string }) => {
      void worker.terminate();
      if (m.ok) resolve({ files: m.files, bytes: Buffer.from(m.bytes) });
      else reject(Object.assign(new Error(m.message), { name: m.name }));
    });
    worker.once('error', reject);
  });
}
