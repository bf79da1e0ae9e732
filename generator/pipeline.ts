/**
 * The pipeline, stage by stage:
 *
 *   load -> normalize -> select -> emit -> write
 *
 * `buildIR` runs the first three for one pin; `plan` runs them for every
 * generated pin plus the emitters and returns the files to write, in memory.
 * Only `write/` touches the filesystem.
 */
import { readFileSync } from 'node:fs';
import { defaultContext, type GeneratorContext, type Include } from './context.js';
import type { IR, SpecPin } from './ir/types.js';
import { parseDocument, type RawDocument } from './load/document.js';
import { loadSpec, readOverlays, type LoadedSpec } from './load/index.js';
import type { Fetcher } from './load/locate.js';
import { findPin, readSources, type Pin } from './load/sources.js';
import { normalize } from './normalize/index.js';
import { applyOverlays, type Overlay } from './normalize/overlays.js';
import { nameInlineStreamEvents } from './normalize/stream-names.js';
import { preselect, select } from './select/index.js';
import { preselectOperations, selectOperations, type Selection } from './select/selections.js';
import { sha256 } from './util/hash.js';

export interface BuildOptions {
  include?: Include;
  ctx?: Partial<GeneratorContext>;
  fetcher?: Fetcher;
  /** Apply overlays from `schemas/overlays/` (default true). */
  overlays?: boolean;
}

/** The Responses flavors: a pinned spec of one of these names follows it. */
export const FLAVORS: readonly string[] = ['openresponses', 'openai'];

export function specPin(pin: Pin): SpecPin {
  return {
    name: pin.name, spec: pin.spec, sha256: pin.sha256, version: pin.version, url: pin.url,
    ...(pin.errorSchema ? { errorSchema: pin.errorSchema } : {}),
    ...(pin.roots ? { roots: pin.roots } : {}),
    ...(FLAVORS.includes(pin.spec) ? { flavor: pin.spec } : {}),
  };
}

/**
 * overlays + normalize + select for a parsed document: the one path every
 * spec takes, a pinned one of this repository or a user's own.
 */
export function irFromDocument(doc: RawDocument, pin: SpecPin, include: Include, pathPattern: string, overlays: Overlay[] = []): IR {
  const patched = applyOverlays(doc, overlays);
  // Select on the raw document first, so only what is generated gets normalized
  // (331 of OpenAI's 1,422 schemas by default); select again after normalizing.
  const raw = preselect(patched, pin, include, pathPattern);
  const ir = nameInlineStreamEvents(normalize(raw, pin));
  return select(ir, include, pathPattern);
}

/** normalize + select for an already-loaded pin. */
export function irFromLoaded(loaded: LoadedSpec, include: Include, ctx: GeneratorContext, overlays = true): IR {
  return irFromDocument(loaded.doc, specPin(loaded.pin), include, ctx.responsesPathPattern, overlays ? loaded.overlays : []);
}

/**
 * normalize + select for one selection of an already-loaded pin (see
 * `select/selections.ts`): the same bytes and overlays, emitted as `selection.spec`.
 */
export function irOfSelection(loaded: LoadedSpec, selection: Selection, overlays = true): IR {
  const doc = overlays ? applyOverlays(loaded.doc, loaded.overlays) : loaded.doc;
  const pin: SpecPin = { ...specPin(loaded.pin), spec: selection.spec, ...(selection.errorSchema ? { errorSchema: selection.errorSchema } : {}) };
  const ir = nameInlineStreamEvents(normalize(preselectOperations(doc, pin, selection), pin));
  return selectOperations(ir, selection);
}

/** The normalized, selected IR of one pinned spec. */
export async function buildIR(pinName: string, options: BuildOptions = {}): Promise<IR> {
  const ctx = defaultContext(options.ctx);
  const pin = findPin(readSources(ctx.sourcesFile), pinName);
  const loaded = await loadSpec(pin, ctx, options.fetcher);
  return irFromLoaded(loaded, options.include ?? pin.include ?? ctx.include, ctx, options.overlays);
}

/**
 * The normalized IR of any OpenAPI file (for `diff` on unpinned files).
 * `spec` picks the overlays (none unless given) and the output flavor.
 */
export function buildIRFromFile(path: string, options: { spec?: string; include?: Include; ctx?: Partial<GeneratorContext> } = {}): IR {
  const ctx = defaultContext(options.ctx);
  const bytes = readFileSync(path);
  const raw = parseDocument(bytes.toString('utf8'), path);
  const spec = options.spec ?? 'file';
  const doc = options.spec ? applyOverlays(raw, readOverlays(ctx.overlaysDir, spec)) : raw;
  const pin: SpecPin = { name: path, spec, sha256: sha256(bytes), version: raw.version, url: path };
  return select(nameInlineStreamEvents(normalize(doc, pin)), options.include ?? 'all', ctx.responsesPathPattern);
}
