/**
 * A target's spec bytes: a local file, or a URL pinned by sha256 (read from
 * the verified copy cached in the project when there is one, else
 * downloaded, within GENERATOR_LIMITS, and checked against the pin before
 * any use). Reads only: the write stage caches a downloaded copy.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { GENERATOR_LIMITS } from '../context.js';
import type { Fetcher } from '../load/locate.js';
import { sha256 } from '../util/hash.js';
import { TARGET_DEFAULTS, type Target } from './config.js';

export interface SpecBytes {
  bytes: Buffer;
  sha256: string;
  /** What the provenance header and messages call it: the path as configured, or the URL. */
  shown: string;
  /** A URL spec's verified copy to cache (relative to the cache folder), when it was downloaded. */
  cache?: { path: string; bytes: Buffer };
}

export class SpecSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpecSourceError';
  }
}

/** Where a URL spec's verified copy is kept: by its sha256, with the URL's extension (YAML stays YAML). */
export function cachePath(target: Target, sha: string): string {
  const url = target.source.kind === 'url' ? target.source.url : '';
  const ext = /^\.(json|ya?ml)$/i.test(extname(url.replace(/[?#].*$/, ''))) ? extname(url.replace(/[?#].*$/, '')).toLowerCase() : '.json';
  return `${sha}${ext}`;
}

const defaultFetcher: Fetcher = async (url, timeoutMs) => {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > GENERATOR_LIMITS.maxSpecBytes) throw new Error(`${declared} bytes, more than GENERATOR_LIMITS.maxSpecBytes (${GENERATOR_LIMITS.maxSpecBytes})`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > GENERATOR_LIMITS.maxSpecBytes) throw new Error(`more than GENERATOR_LIMITS.maxSpecBytes (${GENERATOR_LIMITS.maxSpecBytes} bytes)`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
};

export async function readSpecBytes(target: Target, fetcher: Fetcher = defaultFetcher): Promise<SpecBytes> {
  if (target.source.kind === 'file') {
    const { path, shown } = target.source;
    if (!existsSync(path)) throw new SpecSourceError(`${target.origin}: the spec ${shown} does not exist (${path})`);
    const size = statSync(path).size;
    if (size > GENERATOR_LIMITS.maxSpecBytes) throw new SpecSourceError(`${shown}: ${size} bytes, more than GENERATOR_LIMITS.maxSpecBytes (${GENERATOR_LIMITS.maxSpecBytes})`);
    const bytes = readFileSync(path);
    const actual = sha256(bytes);
    if (target.sha256 && actual !== target.sha256) {
      throw new SpecSourceError(`${shown}: sha256 mismatch: the config pins ${target.sha256}, the file is ${actual} (update the pin if the change is intended)`);
    }
    return { bytes, sha256: actual, shown };
  }
  const { url } = target.source;
  const pinned = target.sha256!;
  const cached = join(target.projectDir, TARGET_DEFAULTS.cacheDir, cachePath(target, pinned));
  if (existsSync(cached)) {
    const bytes = readFileSync(cached);
    if (sha256(bytes) === pinned) return { bytes, sha256: pinned, shown: url };
  }
  let bytes: Buffer;
  try {
    bytes = await fetcher(url, GENERATOR_LIMITS.downloadTimeoutMs);
  } catch (e) {
    const cause = e as Error & { cause?: { code?: string; message?: string } };
    throw new SpecSourceError(`${url}: could not download the spec (${cause.cause?.code ?? cause.cause?.message ?? cause.message})`);
  }
  const actual = sha256(bytes);
  if (actual !== pinned) throw new SpecSourceError(`${url}: sha256 mismatch: pinned ${pinned}, downloaded ${actual}; nothing was written (update the pin if the change is intended)`);
  return { bytes, sha256: actual, shown: url, cache: { path: cachePath(target, pinned), bytes } };
}
