/** What the write stage receives: every output file, in memory, with its provenance. */
import type { EmittedFile } from '../ir/types.js';
import type { Provenance } from './header.js';

export interface PlannedFile extends EmittedFile {
  inputs: Provenance[];
}

/** A verified upstream copy to keep in `schemas/upstream/`. */
export interface UpstreamCopy {
  /** Relative to the upstream folder (`openai/openapi.json`). */
  path: string;
  bytes: Buffer;
}

export interface Stamp {
  generator: string;
  /** Hash of every input of the generator (pins, overlays, manifests, templates, generator code, options). */
  fingerprint: string;
  pins: Array<{ name: string; sha256: string; version: string }>;
  include: string;
  /** sha256 of every generated file, by path relative to generated/. */
  files: Record<string, string>;
}

export interface Plan {
  files: PlannedFile[];
  upstream: UpstreamCopy[];
  stamp: Stamp;
}

export const STAMP_FILE = '.stamp.json';
/** Files in generated/ that are committed and never touched by the generator. */
export const KEEP = new Set(['README.md', '.gitignore']);
