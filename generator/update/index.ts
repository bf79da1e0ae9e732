/**
 * `anyresponses schemas update NAME --from PATH|URL`: checks the new file,
 * reports the diff against the current pin, rewrites the pin (URL, sha256,
 * version), stores the verified copy in the upstream cache, regenerates and
 * reports which generated files changed. With `dryRun` it only reports.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GeneratorContext } from '../context.js';
import { runGenerate } from '../generate.js';
import type { IR } from '../ir/types.js';
import { parseDocument } from '../load/document.js';
import { findPin, readSources } from '../load/sources.js';
import { normalize } from '../normalize/index.js';
import { applyOverlays } from '../normalize/overlays.js';
import { nameInlineStreamEvents } from '../normalize/stream-names.js';
import { buildIR } from '../pipeline.js';
import { readOverlays } from '../load/index.js';
import { select } from '../select/index.js';
import { sha256 } from '../util/hash.js';
import { storeUpstream, writeSources, type StaleFile } from '../write/index.js';

export interface UpdateOptions {
  name: string;
  /** A local path or an http(s)/file URL. */
  from: string;
  /** The upstream URL to record (default: `from` when it is a URL, else a file: URL of the path). */
  url?: string;
  dryRun: boolean;
}

export interface UpdateResult {
  oldIR: IR;
  newIR: IR;
  pin: { name: string; url: string; sha256: string; version: string };
  /** Generated files that changed (empty on a dry run). */
  changed: StaleFile[];
  /** True when the file is the one already pinned. */
  unchanged: boolean;
}

async function readSource(from: string): Promise<{ bytes: Buffer; url: string }> {
  if (/^https?:\/\//.test(from)) {
    const res = await fetch(from, { signal: AbortSignal.timeout(30_000) }).catch((e: Error) => {
      throw new Error(`cannot download ${from}: ${e.message}`);
    });
    if (!res.ok) throw new Error(`cannot download ${from}: HTTP ${res.status}`);
    return { bytes: Buffer.from(await res.arrayBuffer()), url: from };
  }
  const path = from.startsWith('file:') ? new URL(from) : resolve(from);
  try {
    return { bytes: readFileSync(path), url: from.startsWith('file:') ? from : pathToFileURL(path as string).href };
  } catch {
    throw new Error(`cannot read ${from}`);
  }
}

export async function updatePin(ctx: GeneratorContext, options: UpdateOptions): Promise<UpdateResult> {
  const sourcesText = readFileSync(ctx.sourcesFile, 'utf8');
  const pin = findPin(readSources(ctx.sourcesFile), options.name);
  const { bytes, url } = await readSource(options.from);
  const raw = parseDocument(bytes.toString('utf8'), options.from);
  const digest = sha256(bytes);
  const include = pin.spec === 'openai' ? ctx.include : (pin.include ?? ctx.include);
  const oldIR = await buildIR(pin.name, { include, ctx });
  const newPin = { name: pin.name, url: options.url ?? url, sha256: digest, version: raw.version };
  const doc = applyOverlays(raw, readOverlays(ctx.overlaysDir, pin.spec));
  const newIR = select(nameInlineStreamEvents(normalize(doc, { ...newPin, spec: pin.spec })), include, ctx.responsesPathPattern);
  const unchanged = digest === pin.sha256;
  if (options.dryRun || unchanged) return { oldIR, newIR, pin: newPin, changed: [], unchanged };

  const sources = JSON.parse(sourcesText) as { pins: Array<Record<string, unknown>> };
  sources.pins = sources.pins.map((p) => (p.name === pin.name ? { ...p, url: newPin.url, sha256: digest, version: raw.version } : p));
  storeUpstream(ctx.upstreamDir, pin.file, bytes);
  writeSources(ctx.sourcesFile, sources);
  const changed = pin.generate ? (await runGenerate(ctx, { check: false })).stale : [];
  return { oldIR, newIR, pin: newPin, changed, unchanged };
}
