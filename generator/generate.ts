/**
 * `runGenerate`: regenerate, or check. A check whose stamp matches answers
 * from the stamp alone, without loading the stages (ajv, esbuild,
 * handlebars...): that is what keeps `generate --check` fast. Anything else
 * plans the generation (plan-generation.ts) and compares or writes it.
 */
import type { GeneratorContext } from './context.js';
import { fingerprint, generatorVersion } from './fingerprint.js';
import type { Fetcher } from './load/locate.js';
import { compare, render, stampIsFresh, writePlan, type StaleFile } from './write/index.js';

export interface GenerateResult {
  /** Files that were (or, in check mode, would be) written or removed. */
  stale: StaleFile[];
  /** True when check mode answered from the stamp without regenerating. */
  fromStamp: boolean;
}

export async function runGenerate(ctx: GeneratorContext, opts: { check: boolean; full?: boolean; fetcher?: Fetcher }): Promise<GenerateResult> {
  const version = generatorVersion(ctx.codegenDir);
  if (opts.check && !opts.full && stampIsFresh(ctx.outDir, fingerprint(ctx, version))) return { stale: [], fromStamp: true };
  const { planGeneration } = await import('./plan-generation.js');
  const plan = await planGeneration(ctx, opts.fetcher);
  const rendered = render(plan, version);
  if (opts.check) return { stale: compare(rendered, ctx.outDir), fromStamp: false };
  return { stale: writePlan(plan, rendered, ctx.outDir, ctx.upstreamDir), fromStamp: false };
}
