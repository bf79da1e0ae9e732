/**
 * Finds the bytes of a pinned spec: local copies first (`--spec-dir`, the env
 * var, `../shared/specs`, then the verified cache in `schemas/upstream/`),
 * and only when none of them has a copy with the pinned sha256, a download
 * from the pinned URL. A copy with another hash is never used: in the folder
 * named for this run (`--spec-dir`) it stops the run at once; in the standing
 * places (the env var, `../shared/specs`, the cache), where an older copy is
 * expected after a pin moved, it is skipped and listed in the error when no
 * good copy is found. Reads only; the write
 * stage stores the verified copy in `schemas/upstream/`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { GeneratorContext } from '../context.js';
import { sha256 } from '../util/hash.js';
import type { Pin } from './sources.js';

export interface LocatedSpec {
  pin: Pin;
  bytes: Buffer;
  /** Where the verified copy came from (a path or the URL). */
  source: string;
}

export interface Attempt {
  place: string;
  outcome: string;
}

export class SpecLocateError extends Error {
  constructor(
    readonly pin: Pin,
    readonly attempts: Attempt[],
    readonly actualSha256?: string,
  ) {
    const lines = attempts.map((a) => `  - ${a.place}: ${a.outcome}`);
    super(
      `spec '${pin.name}': no copy with the pinned sha256 was found\n` +
        `  expected sha256: ${pin.sha256}\n` +
        `  actual sha256:   ${actualSha256 ?? '(no file found)'}\n` +
        `tried:\n${lines.join('\n')}`,
    );
    this.name = 'SpecLocateError';
  }
}

/** The local folders to look in, in order, with a label for messages. */
export function candidateDirs(ctx: GeneratorContext): Array<{ label: string; dir: string; named?: boolean }> {
  const out: Array<{ label: string; dir: string; named?: boolean }> = [];
  if (ctx.specDir) out.push({ label: '--spec-dir', dir: ctx.specDir, named: true });
  const fromEnv = ctx.env[ctx.specDirEnv];
  if (fromEnv) out.push({ label: `$${ctx.specDirEnv}`, dir: resolve(ctx.cwd, fromEnv) });
  out.push({ label: '../shared/specs', dir: ctx.sharedSpecDir });
  out.push({ label: 'cache', dir: ctx.upstreamDir });
  return out;
}

export type Fetcher = (url: string, timeoutMs: number) => Promise<Buffer>;

const defaultFetcher: Fetcher = async (url, timeoutMs) => {
  if (url.startsWith('file:')) return readFileSync(new URL(url));
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
};

export async function locateSpec(pin: Pin, ctx: GeneratorContext, fetcher: Fetcher = defaultFetcher): Promise<LocatedSpec> {
  const attempts: Attempt[] = [];
  let mismatch: string | undefined;
  for (const { label, dir, named } of candidateDirs(ctx)) {
    const path = join(dir, pin.file);
    const place = `${label} ${path}`;
    if (!existsSync(path)) {
      attempts.push({ place, outcome: 'missing' });
      continue;
    }
    const bytes = readFileSync(path);
    const actual = sha256(bytes);
    if (actual === pin.sha256) return { pin, bytes, source: path };
    // A copy with another hash is never used. In the folder named for this run, that is the end of it;
    // elsewhere keep looking: after a pin moves, an older copy (or a stale cache entry) is expected.
    attempts.push({ place, outcome: `sha256 mismatch (actual ${actual})${label === 'cache' ? ', stale cache ignored' : ''}` });
    if (named) throw new SpecLocateError(pin, attempts, actual);
    mismatch ??= actual;
  }
  if (!ctx.allowDownload) {
    attempts.push({ place: pin.url, outcome: 'not tried (downloads disabled)' });
    throw new SpecLocateError(pin, attempts, mismatch);
  }
  let bytes: Buffer;
  try {
    bytes = await fetcher(pin.url, ctx.downloadTimeoutMs);
  } catch (e) {
    const cause = e as Error & { cause?: { code?: string; message?: string } };
    attempts.push({ place: pin.url, outcome: `unreachable (${cause.cause?.code ?? cause.cause?.message ?? cause.message})` });
    throw new SpecLocateError(pin, attempts, mismatch);
  }
  const actual = sha256(bytes);
  if (actual !== pin.sha256) {
    attempts.push({ place: pin.url, outcome: `sha256 mismatch (actual ${actual})` });
    throw new SpecLocateError(pin, attempts, actual);
  }
  return { pin, bytes, source: pin.url };
}
