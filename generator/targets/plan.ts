/**
 * Plans one user target in memory: its spec bytes, then the same stages
 * this repository's pins go through (parse and check, overlays, normalize,
 * select: `irFromDocument`; the emitters: `emitSpec`), into the target's
 * own folder with package imports of the runtime. Nothing is written here.
 */
import type { GeneratorContext } from '../context.js';
import { emitSpec } from '../emit/index.js';
import type { EmitOptions } from '../emit/options.js';
import type { SpecPin } from '../ir/types.js';
import { parseDocument } from '../load/document.js';
import { DocumentError } from '../load/document-error.js';
import { readOverlays } from '../load/index.js';
import type { Fetcher } from '../load/locate.js';
import { irFromDocument } from '../pipeline.js';
import { hasOwn } from '../util/own.js';
import type { Plan } from '../write/plan.js';
import { ConfigError, TARGET_DEFAULTS, TARGET_EMITTERS, type Target } from './config.js';
import { readSpecBytes } from './source.js';


/** A spec's default name: its title as a slug (`Acme Responses` -> `acme-responses`). */
export function nameOf(title: string): string {
  return (
    title
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 64) || 'spec'
  );
}

export async function planTarget(target: Target, ctx: GeneratorContext, version: string, fingerprint: string, warn: (m: string) => void, fetcher?: Fetcher): Promise<Plan> {
  const src = await readSpecBytes(target, fetcher);
  const doc = parseDocument(src.bytes.toString('utf8'), src.shown);
  if (target.errorSchema !== undefined && !hasOwn(doc.schemas, target.errorSchema)) {
    throw new ConfigError(target.origin.split('#')[0], `${target.origin.split('#')[1] ?? ''}/errorSchema`, `the spec ${src.shown} has no component schema '${target.errorSchema}'`);
  }
  for (const [i, root] of (target.roots ?? []).entries()) {
    if (!hasOwn(doc.schemas, root)) throw new ConfigError(target.origin.split('#')[0], `${target.origin.split('#')[1] ?? ''}/roots/${i}`, `the spec ${src.shown} has no component schema '${root}'`);
  }
  const flavorError = TARGET_DEFAULTS.errorSchema[target.flavor];
  const errorSchema = target.errorSchema ?? (hasOwn(doc.schemas, flavorError) ? flavorError : undefined);
  const name = target.name ?? nameOf(doc.title);
  const pin: SpecPin = { name, spec: name, sha256: src.sha256, version: doc.version, url: src.shown, ...(errorSchema ? { errorSchema } : {}), ...(target.roots ? { roots: target.roots } : {}), flavor: target.flavor };
  const overlays = target.overlays ? readOverlays(ctx.overlaysDir, target.flavor) : [];
  if (target.overlays && overlays.length === 0) warn(`${target.origin}: overlays: the anyresponses package at ${ctx.root} has no overlays for flavor ${target.flavor}`);
  const ir = irFromDocument(doc, pin, target.include, ctx.responsesPathPattern, overlays);
  const options: EmitOptions = { dir: '', runtime: target.runtime, client: target.client, warn: (m) => warn(`${src.shown}${m.startsWith('#') ? '' : ': '}${m}`) };
  const emitters = ctx.emit.filter((e) => TARGET_EMITTERS.includes(e));
  const files = await emitSpec(ir, emitters, options);
  if (emitters.includes('client') && !files.some((f) => f.path === 'client.js')) {
    warn(new DocumentError(src.shown, '/paths', 'no client.js: the client needs a POST .../responses operation whose JSON request body and response are $refs to component schemas').message);
  }
  const inputs = [{ name: src.shown, version: doc.version, sha256: src.sha256 }];
  return {
    files: files.map((f) => ({ ...f, inputs })),
    upstream: src.cache ? [src.cache] : [],
    stamp: { generator: version, fingerprint, pins: [{ name, sha256: src.sha256, version: doc.version }], include: target.include, files: {} },
  };
}
