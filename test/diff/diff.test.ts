/**
 * The spec diff: a table of small hand-written spec pairs (one per kind of
 * change and severity, each with its expected report), symmetry, purity,
 * the real OpenResponses 2.3.0 -> 2026-04-24 case, and the update flow end
 * to end in a temp copy of the repo.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffIR, formatJSON, formatMarkdown, formatText, isBreaking, type Change } from '../../generator/diff/index.js';
import type { IR } from '../../generator/ir/types.js';
import { parseDocument } from '../../generator/load/document.js';
import { normalize } from '../../generator/normalize/index.js';
import { nameInlineStreamEvents } from '../../generator/normalize/stream-names.js';
import { buildIR } from '../../generator/pipeline.js';
import { hasShared, repoRoot, specsDir } from '../support/shared.js';

interface Case {
  name: string;
  old: { schemas: object; paths: object };
  new: { schemas: object; paths: object };
  want: Array<Pick<Change, 'kind' | 'severity' | 'rule' | 'subject' | 'path' | 'detail'>>;
}

const cases = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/diff/cases.json'), 'utf8')) as Case[];
const irOf = (side: Case['old'], name: string): IR => {
  const doc = parseDocument(JSON.stringify({ openapi: '3.1.0', info: { title: 't', version: name }, paths: side.paths, components: { schemas: side.schemas } }), name);
  return nameInlineStreamEvents(normalize(doc, { name, spec: 't', sha256: name.padEnd(64, '0'), version: name, url: name }));
};
const pick = (c: Change) => ({ kind: c.kind, severity: c.severity, rule: c.rule, subject: c.subject, path: c.path, detail: c.detail });
const MIRROR: Record<string, string> = {
  'type-added': 'type-removed', 'property-added': 'property-removed', 'property-required': 'property-optional', 'enum-values-added': 'enum-values-removed',
  'union-members-added': 'union-members-removed', 'operation-added': 'operation-removed', 'path-added': 'path-removed', 'content-type-added': 'content-type-removed', 'type-changed': 'type-changed',
};
for (const [a, b] of Object.entries(MIRROR)) MIRROR[b] = a;

describe('diff table: one spec pair per kind of change and severity', () => {
  it('covers every severity', () => {
    expect(new Set(cases.flatMap((c) => c.want.map((w) => w.severity)))).toEqual(new Set(['breaking-response', 'breaking-request', 'non-breaking']));
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const report = diffIR(irOf(c.old, 'old'), irOf(c.new, 'new'));
    expect(report.changes.map(pick)).toEqual(c.want);
    expect(isBreaking(report)).toBe(c.want.some((w) => w.severity !== 'non-breaking'));
  });

  it.each(cases.map((c) => [c.name, c] as const))('symmetric: %s', (_name, c) => {
    const forward = diffIR(irOf(c.old, 'old'), irOf(c.new, 'new')).changes;
    const backward = diffIR(irOf(c.new, 'new'), irOf(c.old, 'old')).changes;
    const key = (ch: Change, kind = ch.kind) => `${kind} ${ch.subject}${ch.path} ${ch.kind === 'type-changed' ? '' : ch.detail}`;
    expect(backward.map((ch) => key(ch)).sort()).toEqual(forward.map((ch) => key(ch, MIRROR[ch.kind] as Change['kind'])).sort());
  });

  it('is pure: inputs unmutated, same report twice', () => {
    const a = irOf(cases[2].old, 'old');
    const b = irOf(cases[2].new, 'new');
    const before = JSON.stringify([a, b]);
    expect(JSON.stringify(diffIR(a, b))).toBe(JSON.stringify(diffIR(a, b)));
    expect(JSON.stringify([a, b])).toBe(before);
  });

  it('formats as text by severity, as JSON, and as Markdown', () => {
    const report = diffIR(irOf(cases[2].old, 'old'), irOf(cases[2].new, 'new'));
    expect(formatText(report)).toMatch(/Breaking for code that reads responses \(1\)\n {2}property-removed +Res\/properties\/title: title {2}\[response-property-removed\]/);
    expect(JSON.parse(formatJSON(report))).toEqual(JSON.parse(JSON.stringify(report)));
    expect(formatMarkdown(report)).toContain('| property-removed | `Res/properties/title` | title | `response-property-removed` |');
  });
});

describe('the real case: OpenResponses 2.3.0 -> 2026-04-24', () => {
  it('lists the new schemas and the compact operation, every real difference, and no false changes from allOf wrapping', async () => {
    if (!hasShared()) return;
    const report = diffIR(await buildIR('openresponses@2.3.0'), await buildIR('openresponses'));
    const got = report.changes.map((c) => `${c.kind} ${c.subject}${c.path} ${c.detail} [${c.rule}]`).sort();
    // Checked by hand against the two documents (see the issue note).
    expect(got).toEqual([
      'operation-added POST /responses/compact POST /responses/compact (compactResponse) [new-operation]',
      'path-added /responses/compact /responses/compact [new-path]',
      'property-added AssistantMessageItemParam/properties/phase phase [new-optional-property]',
      'property-added Message/properties/phase phase [new-response-property]',
      'property-optional OutputTextContent/properties/logprobs logprobs [response-property-became-optional]',
      'property-optional ResponseOutputTextDeltaStreamingEvent/properties/logprobs logprobs [response-property-became-optional]',
      'property-optional ResponseOutputTextDoneStreamingEvent/properties/logprobs logprobs [response-property-became-optional]',
      'type-added CompactResource CompactResource [new-type]',
      'type-added CompactResponseMethodPublicBody CompactResponseMethodPublicBody [new-type]',
      'type-added CompactionBody CompactionBody [new-type]',
      'type-added CompactionSummaryItemParam CompactionSummaryItemParam [new-type]',
      'type-added WebSocketErrorEvent WebSocketErrorEvent [new-type]',
      'type-added WebSocketResponseCreateEvent WebSocketResponseCreateEvent [new-type]',
      'type-changed ResponseResource/properties/metadata ref:MetadataParam -> any [response-type-widened]',
      'union-members-added ItemField compaction [new-union-member-in-response]',
      'union-members-added ItemParam compaction [new-union-member-in-request]',
    ]);
  });
});

describe('the update flow, end to end in a temp copy of the repo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ar-update-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('pin the old spec, generate, update to the new one: pin, regenerated files and printed diff', () => {
    if (!hasShared()) return;
    const root = join(dir, 'repo');
    cpSync(repoRoot, root, { recursive: true, filter: (src) => !/\/(node_modules|generated|\.git|\.scratch|schemas\/upstream)(\/|$)/.test(src.slice(repoRoot.length)) });
    symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
    // Pin openresponses to the 2.3.0 file, as if that were current.
    const sourcesFile = join(root, 'schemas/sources.json');
    const sources = JSON.parse(readFileSync(sourcesFile, 'utf8'));
    const oldPin = sources.pins.find((p: { name: string }) => p.name === 'openresponses@2.3.0');
    const current = sources.pins.find((p: { name: string }) => p.name === 'openresponses');
    Object.assign(current, { file: oldPin.file, url: oldPin.url, sha256: oldPin.sha256, version: oldPin.version });
    writeFileSync(sourcesFile, JSON.stringify(sources, null, 2));
    const bin = join(root, 'generator/dist/cli/bin.js');
    const env = { ...process.env, ANYRESPONSES_SPEC_DIR: specsDir };
    execFileSync(process.execPath, [bin, 'generate', '--quiet'], { cwd: root, env });
    const typesBefore = readFileSync(join(root, 'generated/openresponses/types.d.ts'), 'utf8');
    expect(typesBefore).not.toContain('export type CompactResource');

    // A pin moved without regenerating: generate --check fails; importing the generated module reads no file and warns nothing.
    const pinned = readFileSync(sourcesFile, 'utf8');
    const moved = JSON.parse(pinned);
    Object.assign(moved.pins.find((p: { name: string }) => p.name === 'openresponses'), { file: 'openresponses/openapi.json', sha256: '1f469fc044bc3c0ee9bb8210b76435ce2386ed792c16863f8dc9bd6070b87f6a' });
    writeFileSync(sourcesFile, JSON.stringify(moved, null, 2));
    const stale = spawnSync(process.execPath, [bin, 'generate', '--check'], { cwd: root, env, encoding: 'utf8' });
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain('changed  generated/openresponses/types.d.ts');
    const imported = spawnSync(process.execPath, ['-e', `import(${JSON.stringify(join(root, 'generated/openresponses/index.js'))}).then(() => import(${JSON.stringify(join(root, 'generated/openresponses/index.js'))}))`], { encoding: 'utf8' });
    expect(imported.status).toBe(0);
    expect(imported.stderr).toBe('');
    writeFileSync(sourcesFile, pinned);

    const dry = spawnSync(process.execPath, [bin, 'schemas', 'update', 'openresponses', '--from', join(specsDir, 'openresponses/openapi.json'), '--dry-run'], { cwd: root, env, encoding: 'utf8' });
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('dry run: openresponses would be pinned');
    expect(JSON.parse(readFileSync(sourcesFile, 'utf8')).pins.find((p: { name: string }) => p.name === 'openresponses').sha256).toBe(oldPin.sha256);

    const r = spawnSync(process.execPath, [bin, 'schemas', 'update', 'openresponses', '--from', join(specsDir, 'openresponses/openapi.json'), '--url', current.url.replace(oldPin.url, 'https://example.test/new.json')], { cwd: root, env, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('operation-added        POST /responses/compact');
    expect(r.stdout).toContain('type-added             CompactResource');
    expect(r.stdout).toMatch(/generated files changed \(\d+\):[\s\S]*updated generated\/openresponses\/types.d.ts/);
    const pin = JSON.parse(readFileSync(sourcesFile, 'utf8')).pins.find((p: { name: string }) => p.name === 'openresponses');
    expect(pin).toMatchObject({ sha256: '1f469fc044bc3c0ee9bb8210b76435ce2386ed792c16863f8dc9bd6070b87f6a', version: '2026-04-24' });
    expect(readFileSync(join(root, 'generated/openresponses/types.d.ts'), 'utf8')).toContain('export type CompactResource');
    const check = spawnSync(process.execPath, [bin, 'generate', '--check'], { cwd: root, env, encoding: 'utf8' });
    expect(check.status).toBe(0);
  }, 240_000);
});

describe('anyresponses diff', () => {
  it('exits 1 on breaking changes, 0 otherwise, 2 on bad usage', () => {
    if (!hasShared()) return;
    const bin = join(repoRoot, 'generator/dist/cli/bin.js');
    const run = (...a: string[]) => spawnSync(process.execPath, [bin, 'diff', ...a], { encoding: 'utf8' });
    expect(run('openresponses@2.3.0', 'openresponses').status).toBe(1);
    expect(run('openresponses', 'openresponses').status).toBe(0);
    const json = run('openresponses@2.3.0', 'openresponses', '--json');
    expect(JSON.parse(json.stdout).changes.length).toBe(16);
    const bad = run('nope', 'openresponses');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/'nope' is neither a pinned spec \(openresponses, openresponses@2.3.0, openai\) nor a file/);
  });
});

describe('diff: names like Object.prototype members are names like any other', () => {
  const NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];
  const side = (props: string[], components: string[]) => {
    const schemas: Record<string, unknown> = {};
    for (const c of components) Object.defineProperty(schemas, c, { value: { type: 'string' }, enumerable: true, writable: true, configurable: true });
    const properties: Record<string, unknown> = {};
    for (const p of props) Object.defineProperty(properties, p, { value: { type: 'string' }, enumerable: true, writable: true, configurable: true });
    schemas.Res = { type: 'object', required: ['id'], properties: { id: { type: 'string' }, ...properties } };
    return { schemas, paths: { '/r': { get: { operationId: 'getR', responses: { 200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Res' } } } } } } } } };
  };
  it.each(NAMES.map((n) => [n, n] as const))('removing and adding a response property named %s is reported', (_label, name) => {
    const removed = diffIR(irOf(side([name], []), 'old'), irOf(side([], []), 'new')).changes.map(pick);
    expect(removed).toEqual([{ kind: 'property-removed', severity: 'breaking-response', rule: expect.any(String), subject: 'Res', path: `/properties/${name}`, detail: name }]);
    const added = diffIR(irOf(side([], []), 'old'), irOf(side([name], []), 'new')).changes.map(pick);
    expect(added).toEqual([{ kind: 'property-added', severity: 'non-breaking', rule: expect.any(String), subject: 'Res', path: `/properties/${name}`, detail: name }]);
  });
  it.each(NAMES.map((n) => [n, n] as const))('removing and adding a component named %s is reported', (_label, name) => {
    expect(diffIR(irOf(side([], [name]), 'old'), irOf(side([], []), 'new')).changes.map((c) => [c.kind, c.subject])).toEqual([['type-removed', name]]);
    expect(diffIR(irOf(side([], []), 'old'), irOf(side([], [name]), 'new')).changes.map((c) => [c.kind, c.subject])).toEqual([['type-added', name]]);
  });
});
