/**
 * The fingerprint of everything the generated output depends on: generator
 * version and code, templates, pins, overlays, provider manifests and the
 * options. Recorded in the stamp; a no-op `generate --check` compares it
 * instead of regenerating.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GeneratorContext } from './context.js';
import { sha256 } from './util/hash.js';

function hashTree(dir: string, into: string[], exts: RegExp): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) hashTree(full, into, exts);
    else if (exts.test(name)) into.push(`${name}:${sha256(readFileSync(full))}`);
  }
}

/**
 * The generator's code, as the fingerprint sees it: the TypeScript sources
 * when the repository has them (so running from source or from dist/ gives
 * the same stamp), else the compiled folder this module runs from.
 */
function generatorCode(root: string): { dir: string; exts: RegExp } {
  const sources = join(root, 'generator');
  if (existsSync(join(sources, 'pipeline.ts'))) return { dir: sources, exts: /\.ts$/ };
  return { dir: dirname(fileURLToPath(import.meta.url)), exts: /\.js$/ };
}

export function fingerprint(ctx: GeneratorContext, version: string, extra: string[] = []): string {
  const parts: string[] = [`version:${version}`, `include:${ctx.include}`, `emit:${ctx.emit.join(',')}`, ...extra];
  const code = generatorCode(ctx.root);
  hashTree(code.dir, parts, code.exts);
  hashTree(ctx.templatesDir, parts, /\.hbs$/);
  hashTree(ctx.overlaysDir, parts, /\.json$/);
  hashTree(ctx.providersDir, parts, /\.json$/);
  for (const f of ['schemas/provider-manifest.schema.json']) {
    const p = join(ctx.root, f);
    parts.push(`${f}:${existsSync(p) ? sha256(readFileSync(p)) : 'missing'}`);
  }
  parts.push(`sources:${existsSync(ctx.sourcesFile) ? sha256(readFileSync(ctx.sourcesFile)) : 'missing'}`);
  return sha256(parts.join('\n'));
}

export function packageVersion(root: string): string {
  try {
    return String((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0');
  } catch {
    return '0.0.0';
  }
}
