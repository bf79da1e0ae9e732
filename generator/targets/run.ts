/**
 * `generate` for a user's own specs: for each target, check (from its stamp
 * when the fingerprint matches, which reads nothing but the spec file and
 * the output folder; else in memory) or plan and write. The write stage is
 * this repository's, with one difference: in a user's folder the generator
 * owns only the files its last run recorded (`Ownership` 'stamped'), so
 * files of the user's own beside them are never reported, changed or
 * removed, and a file it would overwrite that it did not write stops the
 * run.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { GeneratorContext } from '../context.js';
import { generatorCodeHash, generatorVersion } from '../fingerprint.js';
import type { Fetcher } from '../load/locate.js';
import { sha256 } from '../util/hash.js';
import { compare, readStamp, render, stampIsFresh, writePlan, type StaleFile } from '../write/index.js';
import { STAMP_FILE } from '../write/plan.js';
import { TARGET_DEFAULTS, type Target } from './config.js';

export interface TargetResult {
  target: Target;
  stale: StaleFile[];
  fromStamp: boolean;
}

/**
 * What a target's output depends on: the generator (version and code), the
 * target's settings, the spec's bytes (a file's current hash; a URL's pin)
 * and, when used, the overlays.
 */
export function fingerprintOf(target: Target, ctx: GeneratorContext, version: string): string {
  const spec = target.source.kind === 'file' ? (existsSync(target.source.path) ? sha256(readFileSync(target.source.path)) : 'missing') : target.sha256!;
  const settings = {
    source: target.source.kind === 'file' ? target.source.shown : target.source.url,
    name: target.name ?? null,
    flavor: target.flavor,
    include: target.include,
    overlays: target.overlays,
    runtime: target.runtime,
    errorSchema: target.errorSchema ?? null,
    client: target.client,
    emit: ctx.emit,
  };
  const parts = [`version:${version}`, `code:${generatorCodeHash(ctx.codegenDir)}`, `spec:${spec}`, `settings:${JSON.stringify(settings)}`];
  if (target.overlays) parts.push(`overlays:${overlaysHash(ctx.overlaysDir, target.flavor)}`);
  return sha256(parts.join('\n'));
}

/** The overlay files' bytes, in name order (readOverlays picks the flavor's after reading them all). */
function overlaysHash(dir: string, flavor: string): string {
  if (!existsSync(dir)) return 'none';
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  return sha256(files.map((f) => `${f}:${sha256(readFileSync(join(dir, f)))}`).join('\n') + `\n${flavor}`);
}

export async function runTargets(targets: Target[], ctx: GeneratorContext, opts: { check: boolean; full?: boolean; fetcher?: Fetcher; warn: (m: string) => void }): Promise<TargetResult[]> {
  const version = generatorVersion(ctx.codegenDir);
  const results: TargetResult[] = [];
  for (const target of targets) {
    const fingerprint = fingerprintOf(target, ctx, version);
    if (opts.check && !opts.full && stampIsFresh(target.out, fingerprint, 'stamped')) {
      results.push({ target, stale: [], fromStamp: true });
      continue;
    }
    const { planTarget } = await import('./plan.js');
    const plan = await planTarget(target, ctx, version, fingerprint, opts.warn, opts.fetcher);
    const rendered = render(plan, version);
    if (opts.check) {
      results.push({ target, stale: compare(rendered, target.out, 'stamped'), fromStamp: false });
      continue;
    }
    refuseForeign(target, rendered);
    results.push({ target, stale: writePlan(plan, rendered, target.out, join(target.projectDir, TARGET_DEFAULTS.cacheDir), 'stamped'), fromStamp: false });
  }
  return results;
}

/** A file the run would write over that an earlier run did not write (no stamp records it): stop, naming it. */
function refuseForeign(target: Target, rendered: Map<string, string>): void {
  const owned = new Set(Object.keys(readStamp(target.out)?.files ?? {}));
  for (const path of rendered.keys()) {
    const full = join(target.out, path);
    if (path === STAMP_FILE || owned.has(path) || !existsSync(full)) continue;
    if (readFileSync(full, 'utf8') === rendered.get(path)) continue;
    throw new Error(`${relative(target.projectDir, full) || full} exists and was not written by anyresponses-codegen: choose another output folder (${target.origin}: out) or remove it`);
  }
}

