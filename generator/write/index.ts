/**
 * Write: the only stage that touches the filesystem. It renders each planned
 * file (header + contents), compares with what is on disk, and writes only
 * what changed. In check mode it writes nothing and returns the stale list.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { sha256 } from '../util/hash.js';
import { header } from './header.js';
import { KEEP, STAMP_FILE, type Plan, type Stamp } from './plan.js';

export interface StaleFile {
  path: string;
  reason: 'missing' | 'changed' | 'extra';
}

/**
 * Which files in the output folder the generator owns: `all` (this
 * repository's generated/, all of it but KEEP), or `stamped`: only those its
 * last run recorded in the stamp (a user's folder, which may hold files of
 * their own: those are never reported, changed or removed).
 */
export type Ownership = 'all' | 'stamped';

/** The final bytes of every file, by path relative to generated/, stamp included. */
export function render(plan: Plan, generatorVersion: string): Map<string, string> {
  const out = new Map<string, string>();
  const files: Record<string, string> = {};
  for (const f of [...plan.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const text = f.header === 'ts' ? header(f.inputs, generatorVersion) + f.contents : f.contents;
    out.set(f.path, text);
    files[f.path] = sha256(text);
  }
  const stamp: Stamp = { ...plan.stamp, files };
  out.set(STAMP_FILE, JSON.stringify(stamp, null, 2) + '\n');
  return out;
}

function listFiles(dir: string, root = dir): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full, root));
    else out.push(relative(root, full).split('\\').join('/'));
  }
  return out.sort();
}

/** The files of the output folder the generator owns (see Ownership). */
function ownedFiles(outDir: string, ownership: Ownership): string[] {
  if (ownership === 'all') return listFiles(outDir).filter((p) => !KEEP.has(p));
  const stamp = readStamp(outDir);
  return stamp ? Object.keys(stamp.files).filter((p) => existsSync(join(outDir, p))).sort() : [];
}

/** Files whose bytes on disk differ from the rendered ones, plus files that should not be there. */
export function compare(rendered: Map<string, string>, outDir: string, ownership: Ownership = 'all'): StaleFile[] {
  const stale: StaleFile[] = [];
  for (const [path, text] of rendered) {
    const full = join(outDir, path);
    if (!existsSync(full)) stale.push({ path, reason: 'missing' });
    else if (readFileSync(full, 'utf8') !== text) stale.push({ path, reason: 'changed' });
  }
  for (const path of ownedFiles(outDir, ownership)) {
    if (!rendered.has(path)) stale.push({ path, reason: 'extra' });
  }
  return stale;
}

/** Writes what changed (each file via a temp file and rename), removes extras, and stores upstream copies. */
export function writePlan(plan: Plan, rendered: Map<string, string>, outDir: string, upstreamDir: string, ownership: Ownership = 'all'): StaleFile[] {
  const stale = compare(rendered, outDir, ownership);
  for (const copy of plan.upstream) writeIfChanged(join(upstreamDir, copy.path), copy.bytes);
  for (const s of stale) {
    const full = join(outDir, s.path);
    if (s.reason === 'extra') rmSync(full);
    else writeIfChanged(full, Buffer.from(rendered.get(s.path)!, 'utf8'));
  }
  return stale;
}

function writeIfChanged(path: string, bytes: Buffer): void {
  if (existsSync(path) && readFileSync(path).equals(bytes)) return;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}

/** Reads the stamp of an existing output folder, or undefined. */
export function readStamp(outDir: string): Stamp | undefined {
  try {
    return JSON.parse(readFileSync(join(outDir, STAMP_FILE), 'utf8')) as Stamp;
  } catch {
    return undefined;
  }
}

/**
 * The fast freshness test used by `generate --check`: the recorded
 * fingerprint equals the current one and every recorded file still has its
 * recorded hash (and no extra file appeared). Anything else falls back to a
 * full in-memory regeneration and comparison.
 */
export function stampIsFresh(outDir: string, fingerprint: string, ownership: Ownership = 'all'): boolean {
  const stamp = readStamp(outDir);
  if (!stamp || stamp.fingerprint !== fingerprint) return false;
  const recorded = Object.keys(stamp.files).sort();
  if (ownership === 'all') {
    const onDisk = listFiles(outDir).filter((p) => !KEEP.has(p) && p !== STAMP_FILE);
    if (onDisk.length !== recorded.length || onDisk.some((p, i) => p !== recorded[i])) return false;
  }
  return recorded.every((p) => existsSync(join(outDir, p)) && sha256(readFileSync(join(outDir, p), 'utf8')) === stamp.files[p]);
}

/** Rewrites `schemas/sources.json` (2-space JSON, trailing newline), keeping its other keys. */
export function writeSources(file: string, doc: unknown): void {
  writeIfChanged(file, Buffer.from(JSON.stringify(doc, null, 2) + '\n', 'utf8'));
}

/** Stores a verified spec copy in the upstream cache. */
export function storeUpstream(upstreamDir: string, path: string, bytes: Buffer): void {
  writeIfChanged(join(upstreamDir, path), bytes);
}
