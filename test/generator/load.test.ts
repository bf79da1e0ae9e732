import { createServer, type Server } from 'node:http';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultContext } from '../../generator/context.js';
import { parseDocument } from '../../generator/load/document.js';
import { candidateDirs, locateSpec, SpecLocateError } from '../../generator/load/locate.js';
import { parseSources, type Pin } from '../../generator/load/sources.js';
import { sha256 } from '../../generator/util/hash.js';

const body = JSON.stringify({ openapi: '3.1.0', info: { title: 'T', version: '1' }, paths: {}, components: { schemas: { A: { type: 'string' } } } });
const pinFor = (bytes: string, url = 'http://127.0.0.1:1/never'): Pin => ({
  name: 'tiny', spec: 'tiny', file: 'tiny/openapi.json', url, sha256: sha256(bytes), version: '1', generate: true,
});

const made: string[] = [];
const mk = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function folderWith(content: string): string {
  const dir = mk('ar-spec-');
  mkdirSync(join(dir, 'tiny'));
  writeFileSync(join(dir, 'tiny/openapi.json'), content);
  return dir;
}

const empty = () => mk('ar-empty-');
const ctxWith = (over: Parameters<typeof defaultContext>[0]) =>
  defaultContext({ sharedSpecDir: empty(), upstreamDir: empty(), env: {}, allowDownload: false, ...over });

let server: Server;
let base = '';
let hits = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    if (req.url === '/ok') res.end(body);
    else if (req.url === '/tampered') res.end(body + ' ');
    else res.writeHead(404).end('nope');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('locating a pinned spec', () => {
  it('looks in --spec-dir, then the env var, then ../shared/specs, then the cache, in that order', () => {
    const ctx = ctxWith({ specDir: '/a', env: { ANYRESPONSES_SPEC_DIR: '/b' }, sharedSpecDir: '/c', upstreamDir: '/d' });
    expect(candidateDirs(ctx).map((c) => [c.label, c.dir])).toEqual([
      ['--spec-dir', '/a'], ['$ANYRESPONSES_SPEC_DIR', '/b'], ['../shared/specs', '/c'], ['cache', '/d'],
    ]);
  });

  it.each([
    ['--spec-dir', (dir: string) => ({ specDir: dir })],
    ['the env var', (dir: string) => ({ env: { ANYRESPONSES_SPEC_DIR: dir } })],
    ['../shared/specs', (dir: string) => ({ sharedSpecDir: dir })],
  ] as const)('finds a verified copy through %s without downloading', async (_label, place) => {
    const dir = folderWith(body);
    const found = await locateSpec(pinFor(body), ctxWith(place(dir)), async () => {
      throw new Error('must not download');
    });
    expect(found.source).toBe(join(dir, 'tiny/openapi.json'));
    expect(found.bytes.toString()).toBe(body);
  });

  it('never uses a copy with another hash: without a good copy the run stops naming the spec, both hashes and every place tried', async () => {
    const dir = folderWith(body + '\n');
    const err = await locateSpec(pinFor(body), ctxWith({ specDir: empty(), sharedSpecDir: dir })).catch((e) => e);
    expect(err).toBeInstanceOf(SpecLocateError);
    expect(err.message).toContain(`spec 'tiny'`);
    expect(err.message).toContain(`expected sha256: ${sha256(body)}`);
    expect(err.message).toContain(`actual sha256:   ${sha256(body + '\n')}`);
    expect(err.message).toMatch(/--spec-dir .*: missing/);
    expect(err.message).toMatch(/\.\.\/shared\/specs .*: sha256 mismatch/);
    expect(err.message).toMatch(/cache .*: missing/);
    expect(err.message).toMatch(/http:\/\/127\.0\.0\.1:1\/never: not tried \(downloads disabled\)/);
  });

  it('skips a copy with another hash when a later place has the pinned one (an older copy after a pin moved)', async () => {
    const stale = folderWith(body + '\n');
    const good = folderWith(body);
    const found = await locateSpec(pinFor(body), ctxWith({ sharedSpecDir: stale, upstreamDir: good }));
    expect(found.source).toBe(join(good, 'tiny/openapi.json'));
  });

  it('downloads from the pinned URL only when no local copy exists, and verifies it', async () => {
    hits = 0;
    const found = await locateSpec(pinFor(body, `${base}/ok`), ctxWith({ allowDownload: true }));
    expect(found.source).toBe(`${base}/ok`);
    expect(hits).toBe(1);
    const err = await locateSpec(pinFor(body, `${base}/tampered`), ctxWith({ allowDownload: true })).catch((e) => e);
    expect(err.message).toContain(`actual sha256:   ${sha256(body + ' ')}`);
    expect(err.message).toContain(`${base}/tampered: sha256 mismatch`);
  });

  it('reports an unreachable URL with every place tried', async () => {
    const err = await locateSpec(pinFor(body, `${base}/missing`), ctxWith({ allowDownload: true })).catch((e) => e);
    expect(err.message).toContain('actual sha256:   (no file found)');
    expect(err.message).toContain(`${base}/missing: unreachable (HTTP 404)`);
    expect(err.message.match(/: missing/g)).toHaveLength(2);
  });

  it('a copy with another hash in --spec-dir stops the run, even when a later place has the pinned one', async () => {
    const bad = folderWith(body + '\n');
    const good = folderWith(body);
    const err = await locateSpec(pinFor(body), ctxWith({ specDir: bad, sharedSpecDir: good, upstreamDir: good }), async () => {
      throw new Error('must not download');
    }).catch((e) => e);
    expect(err).toBeInstanceOf(SpecLocateError);
    expect(err.message).toContain(`actual sha256:   ${sha256(body + '\n')}`);
    expect(err.message).toContain(`--spec-dir ${join(bad, 'tiny/openapi.json')}: sha256 mismatch`);
    expect(err.message).not.toContain('../shared/specs');
    // The env var is a standing setting: an older copy there after a pin moved is skipped, as in ../shared/specs.
    const found = await locateSpec(pinFor(body), ctxWith({ env: { ANYRESPONSES_SPEC_DIR: bad }, sharedSpecDir: good }));
    expect(found.source).toBe(join(good, 'tiny/openapi.json'));
  });

  it('ignores a stale cache entry and says so', async () => {
    const cache = folderWith('{"old": true}');
    const err = await locateSpec(pinFor(body), ctxWith({ upstreamDir: cache })).catch((e) => e);
    expect(err.message).toMatch(/cache .*: sha256 mismatch .*stale cache ignored/);
  });
});

describe('the generate command leaves existing output alone when a spec cannot be verified', () => {
  it('writes nothing to generated/ or schemas/upstream/', async () => {
    const { runGenerate } = await import('../../generator/generate.js');
    const root = mk('ar-root-');
    mkdirSync(join(root, 'schemas'));
    mkdirSync(join(root, 'generated'));
    mkdirSync(join(root, 'schemas/upstream/tiny'), { recursive: true });
    writeFileSync(join(root, 'generated/keep.txt'), 'old output');
    writeFileSync(join(root, 'schemas/upstream/tiny/openapi.json'), 'old copy');
    const bad = folderWith('tampered');
    writeFileSync(join(root, 'schemas/sources.json'), JSON.stringify({ pins: [pinFor(body)] }));
    const ctx = defaultContext({ root, specDir: bad, sharedSpecDir: empty(), env: {}, allowDownload: false });
    await expect(runGenerate(ctx, { check: false })).rejects.toThrow(/sha256 mismatch/);
    expect(readFileSync(join(root, 'generated/keep.txt'), 'utf8')).toBe('old output');
    expect(readFileSync(join(root, 'schemas/upstream/tiny/openapi.json'), 'utf8')).toBe('old copy');
    expect(existsSync(join(root, 'generated/.stamp.json'))).toBe(false);
  });
});

describe('pins and documents: bad input says what and where', () => {
  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['no pins array', '{}', /#\/pins/],
    ['missing url', JSON.stringify({ pins: [{ name: 'a', spec: 'a', file: 'f', sha256: 'a'.repeat(64), version: '1' }] }), /#\/pins\/0\/url: expected a non-empty string/],
    ['bad sha256', JSON.stringify({ pins: [{ name: 'a', spec: 'a', file: 'f', url: 'u', sha256: 'xyz', version: '1' }] }), /#\/pins\/0\/sha256/],
  ])('sources.json: %s', (_name, text, want) => {
    expect(() => parseSources(text, 'sources.json')).toThrow(want);
  });

  it.each([
    ['not OpenAPI 3', JSON.stringify({ swagger: '2.0' }), /#\/swagger: expected an OpenAPI 3.x version string, found undefined \(this is Swagger 2.0: convert it to OpenAPI 3 first\)/],
    ['no version at all', JSON.stringify({ info: {} }), /#\/openapi: expected an OpenAPI 3.x version/],
    ['dangling $ref', JSON.stringify({ openapi: '3.1.0', components: { schemas: { A: { $ref: '#/components/schemas/Nope' } } } }), /#\/components\/schemas\/A\/\$ref: \$ref '#\/components\/schemas\/Nope' points at nothing/],
    ['external $ref', JSON.stringify({ openapi: '3.1.0', components: { schemas: { A: { $ref: 'other.json#/A' } } } }), /external \$ref/],
  ])('document: %s', (_name, text, want) => {
    expect(() => parseDocument(text, 'doc.json')).toThrow(want);
  });

  it('resolves parameters, request bodies and responses given by reference, keeping schema refs', () => {
    const doc = parseDocument(JSON.stringify({
      openapi: '3.1.0',
      paths: { '/x/{id}': { get: { operationId: 'getX', parameters: [{ $ref: '#/components/parameters/Id' }], responses: { '200': { $ref: '#/components/responses/Ok' }, '404': { description: 'no' } } } } },
      components: {
        schemas: { X: { type: 'object', properties: { self: { $ref: '#/components/schemas/X' } } } },
        parameters: { Id: { name: 'id', in: 'path', required: true, schema: { type: 'string' } } },
        responses: { Ok: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/X' } } } } },
      },
    }), 'doc.json');
    expect(doc.operations).toEqual([{
      id: 'getX', method: 'get', path: '/x/{id}',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: { '200': { 'application/json': { $ref: '#/components/schemas/X' } } },
      errors: {},
    }]);
  });
});
