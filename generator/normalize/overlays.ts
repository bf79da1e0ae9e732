/**
 * Overlays: small, reasoned corrections to an upstream spec, kept in
 * `schemas/overlays/*.json` and applied before the rules. Each names the
 * spec it applies to, its reason and the recording that showed the problem,
 * and holds JSON Patch operations whose paths point into the raw document's
 * component schemas (`/schemas/<Name>/...`). A patch whose path does not
 * exist is an error, so a stale overlay is noticed when a pin moves.
 */
import type { Schema } from '../ir/types.js';
import type { RawDocument } from '../load/document.js';
import { unescapePointerToken } from '../util/pointer.js';
import { isSchemaObject } from '../util/walk.js';
import { getOwn, setOwn } from '../util/own.js';

export interface PatchOp {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

export interface Overlay {
  /** File it came from, for messages. */
  file: string;
  /** Spec flavor it applies to (`openai`, `openresponses`). */
  spec: string;
  reason: string;
  /** Recording(s) that show the problem, relative to fixtures/recorded. */
  evidence: string[];
  patch: PatchOp[];
}

export function parseOverlay(text: string, file: string): Overlay {
  const o = JSON.parse(text) as Partial<Overlay>;
  const fail = (where: string, what: string) => {
    throw new Error(`${file}#${where}: ${what}`);
  };
  if (typeof o.spec !== 'string') fail('/spec', 'expected a string');
  if (typeof o.reason !== 'string' || o.reason.length === 0) fail('/reason', 'every overlay must say why');
  if (!Array.isArray(o.evidence) || o.evidence.length === 0) fail('/evidence', 'name the recording(s) that show the problem');
  if (!Array.isArray(o.patch)) fail('/patch', 'expected an array of JSON Patch operations');
  o.patch!.forEach((p, i) => {
    if (!['add', 'replace', 'remove'].includes(p.op)) fail(`/patch/${i}/op`, `unsupported op ${JSON.stringify(p.op)}`);
    if (typeof p.path !== 'string' || !p.path.startsWith('/schemas/')) fail(`/patch/${i}/path`, 'expected a pointer starting with /schemas/');
  });
  return { ...(o as Overlay), file };
}

/** Returns a new document with the overlays applied; the input is not mutated. */
export function applyOverlays(raw: RawDocument, overlays: Overlay[]): RawDocument {
  if (overlays.length === 0) return raw;
  // Copy only the components a patch touches.
  const schemas: Record<string, Schema> = { ...raw.schemas };
  for (const overlay of overlays) {
    for (const op of overlay.patch) {
      const name = op.path.split('/')[2]?.replace(/~1/g, '/').replace(/~0/g, '~');
      if (name && getOwn(schemas, name) && schemas[name] === raw.schemas[name]) setOwn(schemas, name, structuredClone(raw.schemas[name]));
    }
  }
  const root: Schema = { schemas };
  for (const overlay of overlays) {
    overlay.patch.forEach((op, i) => applyOp(root, op, `${overlay.file}#/patch/${i}`));
  }
  return { ...raw, schemas };
}

function applyOp(root: Schema, op: PatchOp, where: string): void {
  const tokens = op.path.slice(1).split('/').map(unescapePointerToken);
  const last = tokens.pop()!;
  let parent: unknown = root;
  for (const t of tokens) {
    parent = Array.isArray(parent) ? parent[Number(t)] : isSchemaObject(parent) ? parent[t] : undefined;
    if (parent === undefined) throw new Error(`${where}: path ${op.path} does not exist in the spec (stale overlay?)`);
  }
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (op.op === 'add') parent.splice(index, 0, op.value);
    else if (index >= parent.length) throw new Error(`${where}: path ${op.path} does not exist in the spec (stale overlay?)`);
    else if (op.op === 'replace') parent[index] = op.value;
    else parent.splice(index, 1);
    return;
  }
  if (!isSchemaObject(parent)) throw new Error(`${where}: path ${op.path} does not lead to an object`);
  if (op.op !== 'add' && !(last in parent)) throw new Error(`${where}: path ${op.path} does not exist in the spec (stale overlay?)`);
  if (op.op === 'remove') delete parent[last];
  else parent[last] = op.value;
}
