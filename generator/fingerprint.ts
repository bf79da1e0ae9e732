/**
 * The fingerprint of everything the generated output depends on: generator
 * version and code, templates, the manifest schema, pins, overlays, provider
 * manifests and the options. Recorded in the stamp; a no-op
 * `generate --check` compares it instead of regenerating.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GeneratorContext } from './context.js';
import { sha256 } from './util/hash.js';

/** Folders inside the generator that are not its code. */
const NOT_CODE = new Set(['node_modules', 'dist']);

function hashTree(dir: string, into: string[], exts: RegExp, skip: ReadonlySet<string> = new Set()): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    if (skip.has(name)) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) hashTree(full, into, exts, skip);
    else if (exts.test(name)) into.push(`${name}:${sha256(readFileSync(full))}`);
  }
}

/** The file, inside the built generator, that records its code hash for installed copies (which have no sources). */
export const CODE_HASH_FILE = 'dist/code-hash.json';

/** The hash of the generator's TypeScript sources in `dir` (the `generator/` folder). */
export function sourceCodeHash(dir: string): string {
  const parts: string[] = [];
  hashTree(dir, parts, /(?<!\.d)\.ts$/, NOT_CODE);
  return sha256(parts.join('\n'));
}

/**
 * The generator's code, as the fingerprint sees it: the hash of its
 * TypeScript sources when they are there (this repository: running from
 * source or from dist/ gives the same stamp), else the hash the build
 * recorded from those sources (an installed package ships only dist/), so a
 * package generated in the repository checks as fresh once installed.
 */
export function generatorCodeHash(codegenDir: string): string {
  if (existsSync(join(codegenDir, 'pipeline.ts'))) return sourceCodeHash(codegenDir);
  const file = join(codegenDir, CODE_HASH_FILE);
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { code: string }).code;
  } catch {
    throw new Error(`the generator has neither its sources nor ${file}: rebuild @anyresponses/codegen (npm run build in generator/)`);
  }
}

/** Run by the generator's build: records the sources' hash for installed copies. */
export function writeCodeHash(codegenDir: string): string {
  const code = sourceCodeHash(codegenDir);
  writeFileSync(join(codegenDir, CODE_HASH_FILE), JSON.stringify({ code }) + '\n');
  return code;
}

export function fingerprint(ctx: GeneratorContext, version: string, extra: string[] = []): string {
  const parts: string[] = [`version:${version}`, `include:${ctx.include}`, `emit:${ctx.emit.join(',')}`, ...extra];
  parts.push(`code:${generatorCodeHash(ctx.codegenDir)}`);
  hashTree(ctx.templatesDir, parts, /\.hbs$/);
  hashTree(ctx.overlaysDir, parts, /\.json$/);
  hashTree(ctx.providersDir, parts, /\.json$/);
  parts.push(`manifest-schema:${existsSync(ctx.manifestSchemaFile) ? sha256(readFileSync(ctx.manifestSchemaFile)) : 'missing'}`);
  parts.push(`sources:${existsSync(ctx.sourcesFile) ? sha256(readFileSync(ctx.sourcesFile)) : 'missing'}`);
  return sha256(parts.join('\n'));
}

/** The generator's version: `@anyresponses/codegen`'s, as the provenance header and the stamp record it. */
export function generatorVersion(codegenDir: string): string {
  return packageVersion(codegenDir);
}

export function packageVersion(root: string): string {
  try {
    return String((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0');
  } catch {
    return '0.0.0';
  }
}
