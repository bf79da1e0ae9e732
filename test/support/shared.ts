/**
 * Where the shared, read-only test data lives: `../shared` beside the repo
 * (upstream specs and recorded provider traffic). Never copied into the repo.
 *
 * Under CI=true a missing `../shared` is a hard failure, never a skip.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedDir = process.env.ANYRESPONSES_SHARED_DIR ?? resolve(repoRoot, '..', 'shared');
export const specsDir = join(sharedDir, 'specs');
export const recordedDir = join(sharedDir, 'fixtures', 'recorded');

/** True when ../shared is present. Under CI=true its absence throws. */
export function hasShared(): boolean {
  const present = existsSync(specsDir) && existsSync(recordedDir);
  if (!present && process.env.CI === 'true') {
    throw new Error(`../shared is missing: expected ${specsDir} and ${recordedDir} (CI=true never skips these tests)`);
  }
  return present;
}

export interface Recording {
  provider: 'openai' | 'xai' | 'lmstudio' | string;
  name: string;
  file: string;
  kind: 'json' | 'chunks';
}

/** Every recording under ../shared/fixtures/recorded, sorted by path. */
export function recordings(): Recording[] {
  if (!hasShared()) return [];
  const out: Recording[] = [];
  for (const provider of readdirSync(recordedDir).sort()) {
    for (const f of readdirSync(join(recordedDir, provider)).sort()) {
      if (f.endsWith('.chunks.txt')) out.push({ provider, name: f, file: join(recordedDir, provider, f), kind: 'chunks' });
      else if (f.endsWith('.json')) out.push({ provider, name: f, file: join(recordedDir, provider, f), kind: 'json' });
    }
  }
  return out;
}

/** The spec flavor a provider's recordings are checked against. */
export function flavorOf(provider: string): 'openai' | 'openresponses' {
  return provider === 'lmstudio' ? 'openresponses' : 'openai';
}
