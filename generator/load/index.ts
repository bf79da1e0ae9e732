/**
 * Load: find the pinned spec's bytes (verified by sha256), parse the
 * document, and read the overlays that apply to it. Reads only.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GeneratorContext } from '../context.js';
import { parseOverlay, type Overlay } from '../normalize/overlays.js';
import { parseDocument, type RawDocument } from './document.js';
import { locateSpec, type Fetcher, type LocatedSpec } from './locate.js';
import type { Pin } from './sources.js';

export interface LoadedSpec extends LocatedSpec {
  doc: RawDocument;
  overlays: Overlay[];
}

export function readOverlays(dir: string, spec: string): Overlay[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => parseOverlay(readFileSync(join(dir, f), 'utf8'), `schemas/overlays/${f}`))
    .filter((o) => o.spec === spec);
}

export async function loadSpec(pin: Pin, ctx: GeneratorContext, fetcher?: Fetcher): Promise<LoadedSpec> {
  const located = await locateSpec(pin, ctx, fetcher);
  const doc = parseDocument(located.bytes.toString('utf8'), located.source);
  return { ...located, doc, overlays: readOverlays(ctx.overlaysDir, pin.spec) };
}
