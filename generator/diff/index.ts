/**
 * `diffIR(old, new)`: what changed between two normalized specs, in terms a
 * user of the generated types cares about, each change classified by a
 * named rule (see rules.ts). Pure: inputs are never mutated, and the same
 * inputs give the same report.
 */
import type { IR, IROperation, Schema } from '../ir/types.js';
import { compareSchemas } from './compare.js';
import type { Change, DiffReport, Usage } from './model.js';
import { classify, type RawChange, type Side } from './rules.js';
import { mergeUsage, usageOf } from './usage.js';
import { hasOwn } from '../util/own.js';

export type { Change, DiffReport, Severity } from './model.js';
export { formatJSON, formatMarkdown, formatText } from './format.js';

const sidesOf = (u: Usage): Side[] => (u.request || u.response ? [...(u.response ? (['response'] as const) : []), ...(u.request ? (['request'] as const) : [])] : ['unreferenced']);

function classified(raw: RawChange[], subject: string, usage: Usage, out: Change[]): void {
  for (const c of raw) {
    const seen = new Set<string>();
    for (const side of sidesOf(usage)) {
      const { severity, rule } = classify(c, side);
      if (seen.has(rule)) continue;
      seen.add(rule);
      out.push({
        kind: c.kind, severity, rule, subject, path: c.path, detail: c.detail,
        ...(c.old !== undefined ? { old: c.old } : {}),
        ...(c.new !== undefined ? { new: c.new } : {}),
      });
    }
  }
}

const opKey = (op: IROperation) => `${op.method.toUpperCase()} ${op.path}`;

function compareOperations(a: IR, b: IR, out: Change[]): void {
  const oa = new Map(a.operations.map((o) => [opKey(o), o]));
  const ob = new Map(b.operations.map((o) => [opKey(o), o]));
  const pathsA = new Set(a.operations.map((o) => o.path));
  const pathsB = new Set(b.operations.map((o) => o.path));
  const both: Usage = { request: true, response: true };
  for (const p of pathsB) if (!pathsA.has(p)) classified([{ kind: 'path-added', path: '', detail: p }], p, both, out);
  for (const p of pathsA) if (!pathsB.has(p)) classified([{ kind: 'path-removed', path: '', detail: p }], p, both, out);
  for (const [key, op] of ob) if (!oa.has(key)) classified([{ kind: 'operation-added', path: '', detail: `${key} (${op.id})` }], key, both, out);
  for (const [key, op] of oa) if (!ob.has(key)) classified([{ kind: 'operation-removed', path: '', detail: `${key} (${op.id})` }], key, both, out);
  for (const [key, before] of oa) {
    const after = ob.get(key);
    if (!after) continue;
    const req: RawChange[] = [];
    const res: RawChange[] = [];
    contentChanges(before.requestBody?.content ?? {}, after.requestBody?.content ?? {}, '/requestBody', req);
    const statuses = new Set([...Object.keys(before.responses), ...Object.keys(after.responses)]);
    for (const s of statuses) contentChanges(before.responses[s] ?? {}, after.responses[s] ?? {}, `/responses/${s}`, res);
    classified(req, key, { request: true, response: false }, out);
    classified(res, key, { request: false, response: true }, out);
  }
}

function contentChanges(a: Record<string, Schema>, b: Record<string, Schema>, path: string, out: RawChange[]): void {
  for (const t of Object.keys(b)) if (!hasOwn(a, t)) out.push({ kind: 'content-type-added', path, detail: t });
  for (const t of Object.keys(a)) if (!hasOwn(b, t)) out.push({ kind: 'content-type-removed', path, detail: t });
  for (const t of Object.keys(a)) if (hasOwn(b, t)) compareSchemas(a[t], b[t], `${path}/${t}`, out);
}

export function diffIR(oldIR: IR, newIR: IR): DiffReport {
  const ua = usageOf(oldIR);
  const ub = usageOf(newIR);
  const changes: Change[] = [];
  for (const name of Object.keys(newIR.schemas)) {
    if (!hasOwn(oldIR.schemas, name)) classified([{ kind: 'type-added', path: '', detail: name }], name, ub.get(name)!, changes);
  }
  for (const name of Object.keys(oldIR.schemas)) {
    if (!hasOwn(newIR.schemas, name)) classified([{ kind: 'type-removed', path: '', detail: name }], name, ua.get(name)!, changes);
  }
  for (const name of Object.keys(oldIR.schemas)) {
    if (!hasOwn(newIR.schemas, name)) continue;
    const raw: RawChange[] = [];
    compareSchemas(oldIR.schemas[name], newIR.schemas[name], '', raw);
    classified(raw, name, mergeUsage(ua.get(name), ub.get(name)), changes);
  }
  compareOperations(oldIR, newIR, changes);
  return {
    old: { name: oldIR.pin.name, version: oldIR.pin.version, sha256: oldIR.pin.sha256 },
    new: { name: newIR.pin.name, version: newIR.pin.version, sha256: newIR.pin.sha256 },
    changes,
  };
}

export function isBreaking(report: DiffReport): boolean {
  return report.changes.some((c) => c.severity !== 'non-breaking');
}
