/**
 * The generated client and the mock server on a spec of the user's own
 * (test/support/extended-spec.ts): `startMockServer({ spec })` with the
 * generated module checks requests and its own output against the user's
 * validators and serves scripted turns with the extension item, event and
 * response field; the generated `createClient` streams them, typed and
 * validated; `anyresponses serve --spec DIR` does the same from the
 * command line. The standard flavor's tolerant validation of the same
 * response reports the extensions as warnings, never errors.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'anyresponses';
import { startMockServer, type MockServer } from 'anyresponses/testing';
import { validate as validateStandard } from 'anyresponses/openresponses';
import { codegen, runtimeBin, scratchProject, writeExtended } from '../support/codegen.js';
import { hasShared } from '../support/shared.js';

type Json = Record<string, any>;
interface GenModule {
  SPEC: { name: string; flavor: string; schemas: Record<string, string>; paths: Record<string, string> };
  specValidators(): unknown;
  validate(name: string, value: unknown, options?: { mode?: 'strict' | 'tolerant' }): { ok: boolean; errors?: Array<{ pointer: string; message: string }>; warnings: Array<{ pointer: string; message: string }> };
}
interface GenClient {
  createClient(options?: Json): { responses(body: Json, options?: Json): Promise<any> };
  DEFAULTS: Json;
}

const shared = hasShared();
let project: string;
let spec: GenModule;
let client: GenClient;

const lookup = { type: 'acme:web_lookup_call', status: 'completed', query: 'oslo weather', results: [{ url: 'https://met.no', title: 'Oslo', snippet: null }] };
const trace = { type: 'acme:trace_event', trace_id: 't-1', span: 'lookup' };

beforeAll(async () => {
  if (!shared) return;
  project = scratchProject('mock-spec');
  writeExtended(project);
  const r = codegen(project, 'generate', '--spec', 'openapi.json', '--out', 'gen', '--name', 'acme', '--base-url', 'https://api.acme.dev/v1', '--auth-env', 'ACME_API_KEY', '--quiet');
  if (r.code !== 0) throw new Error(`generate failed (${r.code}):\n${r.stderr}`);
  spec = (await import(pathToFileURL(join(project, 'gen/index.js')).href)) as GenModule;
  client = (await import(pathToFileURL(join(project, 'gen/client.js')).href)) as GenClient;
}, 180_000);
afterAll(() => project && rmSync(project, { recursive: true, force: true }));

describe.runIf(shared)('startMockServer({ spec }) with a generated spec module', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({
      spec: spec as never,
      apiKey: 'acme-key',
      script: [
        { items: [lookup], events: [trace], response: { acme_region: 'eu' }, text: 'Sunny in Oslo.' },
        { items: [lookup], response: { acme_region: 'us' }, text: 'Plain.' },
        { items: [{ type: 'acme:web_lookup_call', status: 'done', query: 'q', results: [] }] },
      ],
    });
  });
  afterAll(() => server?.close());

  it('SPEC names the schemas by role, read from the operations', () => {
    expect(spec.SPEC).toEqual({
      name: 'acme',
      flavor: 'openresponses',
      schemas: { request: 'CreateResponseBody', response: 'ResponseResource', event: 'ResponseStreamEvent', compactRequest: 'CompactResponseMethodPublicBody', compact: 'CompactResource', error: 'ErrorPayload' },
      paths: { create: '/responses', compact: '/responses/compact' },
    });
  });

  it('streams a scripted turn with the extension event and item through the generated client, every event validated', async () => {
    const warnings: unknown[] = [];
    const acme = client.createClient({ apiBase: server.url, env: { ACME_API_KEY: 'acme-key' }, onWarnings: (w: unknown[]) => warnings.push(...w) });
    const stream = await acme.responses({ model: 'scripted', input: 'Weather in Oslo?', stream: true, acme_search_depth: 2, tools: [{ type: 'acme:web_lookup', max_results: 3 }] });
    const events: Json[] = [];
    for await (const e of stream) events.push(e);
    const final = await stream.finalResponse();
    expect(events.map((e) => e.type).slice(0, 5)).toEqual(['response.created', 'response.in_progress', 'acme:trace_event', 'response.output_item.added', 'response.output_item.done']);
    expect(events[2]).toEqual({ ...trace, sequence_number: 2 });
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    expect(events[3].item).toMatchObject({ ...lookup, id: expect.any(String) });
    expect(final.output.map((i: Json) => i.type)).toEqual(['acme:web_lookup_call', 'message']);
    expect(final.output[0]).toEqual(events[4].item);
    expect(final.acme_region).toBe('eu');
    expect(final.output_text).toBe('Sunny in Oslo.');
    expect(warnings).toEqual([]);
    const sent = server.requests.at(-1)!;
    expect(sent.headers.authorization).toBe('Bearer acme-key');
    expect(sent.body).toMatchObject({ acme_search_depth: 2, tools: [{ type: 'acme:web_lookup', max_results: 3 }] });
  });

  it('a plain call returns the spec response, and the extension item goes back as input', async () => {
    const acme = client.createClient({ apiBase: server.url, apiKey: 'acme-key' });
    const r = await acme.responses({ model: 'scripted', input: 'again' });
    expect([r.acme_region, r.output_text, r.output[0].type]).toEqual(['us', 'Plain.', 'acme:web_lookup_call']);
    const next = await acme.responses({ model: 'echo', input: [r.output[0], { type: 'message', role: 'user', content: 'thanks' }] });
    expect(next.output_text).toContain('thanks');
  });

  it.each([
    ['the client checks the request strictly first', { validate: true }, { name: 'SpecValidationError', message: /\/acme_search_depth: expected a number <= 5/ }],
    ['the mock server answers 400 naming the parameter', { validate: false }, { name: 'InvalidRequestError', message: /400 Invalid request body: acme_search_depth: expected a number <= 5/ }],
  ])('an extension parameter out of range: %s', async (_name, options, want) => {
    const acme = client.createClient({ apiBase: server.url, apiKey: 'acme-key', ...options });
    const e = await acme.responses({ model: 'echo', input: 'hi', acme_search_depth: 9 }).catch((x: Error) => x);
    expect(e.name).toBe(want.name);
    expect(e.message).toMatch(want.message);
  });

  it('a scripted item the spec does not allow is a 500 naming the problem, never sent', async () => {
    const acme = client.createClient({ apiBase: server.url, apiKey: 'acme-key', clientArgs: { maxRetries: 0 } });
    const e = await acme.responses({ model: 'scripted', input: 'bad' }).catch((x: Error) => x);
    expect(e.message).toMatch(/500.*\/output\/0\/status/);
  });

  it.each([
    ['a value that is no spec module', { spec: { SPEC: {} } }, /spec must be a generated spec module/],
    ['a flavor that is not the spec\'s', { flavor: 'openai' }, /flavor 'openai' is not the flavor of the spec 'acme' \(openresponses\)/],
    ['a script item without a type', { script: [{ items: [{ id: 'x' }] }] }, /script: \/0\/items\/0\/type: expected a string type/],
  ])('bad options say what is wrong: %s', async (_name, options, want) => {
    await expect(startMockServer({ spec: spec as never, ...(options as object) })).rejects.toThrow(want);
  });
});

describe.runIf(shared)('validation of the same response', () => {
  it('strict and tolerant against the extended spec pass; the standard flavor warns about the extensions, tolerantly, and never errs', async () => {
    const server = await startMockServer({ spec: spec as never, script: [{ items: [lookup], response: { acme_region: 'eu' }, text: 'hi' }] });
    try {
      const body = await (await fetch(`${server.url}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'scripted', input: 'x' }) })).json();
      expect(spec.validate('ResponseResource', body, { mode: 'strict' }).ok).toBe(true);
      const standard = validateStandard('ResponseResource', body);
      expect(standard.ok).toBe(true);
      expect(standard.warnings.map((w) => `${w.pointer} ${w.message}`)).toEqual([
        "/acme_region unknown property 'acme_region'",
        expect.stringMatching(/^\/output\/0\/type unknown type 'acme:web_lookup_call'/),
      ]);
      expect(validateStandard('ResponseResource', body, { mode: 'strict' }).ok).toBe(false);
    } finally {
      await server.close();
    }
  });
});

describe.runIf(shared)('a standard-flavor client talking to the extended server', () => {
  it('sends a namespaced tool past its strict request check, and gets the extension item and field back as warnings, never errors', async () => {
    const server = await startMockServer({ spec: spec as never, script: [{ items: [lookup], response: { acme_region: 'eu' }, text: 'hi' }] });
    try {
      const warnings: Array<{ pointer: string; message: string }> = [];
      const standard = createClient({ provider: 'openresponses', apiBase: server.url, apiKey: 'k', onWarnings: (w) => warnings.push(...w) });
      const r = (await standard.responses('scripted', 'x', { tools: [{ type: 'acme:web_lookup', max_results: 3 }] as never })) as unknown as Json;
      expect(server.requests.at(-1)!.body).toMatchObject({ tools: [{ type: 'acme:web_lookup', max_results: 3 }] });
      expect(r.output.map((i: Json) => i.type)).toEqual(['acme:web_lookup_call', 'message']);
      expect(r.output_text).toBe('hi');
      expect(warnings.map((w) => w.pointer)).toEqual(['/acme_region', '/output/0/type', '/tools/0/type']);
      const bad = await standard.responses('echo', 'x', { tools: [{ type: 'function', name: 1 }] as never }).catch((e: Error) => e);
      expect((bad as Error).name).toBe('SpecValidationError');
    } finally {
      await server.close();
    }
  });
});

describe.runIf(shared)('anyresponses serve --spec DIR', () => {
  it('speaks the generated spec: an extension parameter is checked, the server names its spec', async () => {
    const child = spawn(process.execPath, [runtimeBin, 'serve', '--spec', join(project, 'gen'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d;
          const m = /listening on (\S+) \(spec acme, flavor openresponses/.exec(out);
          if (m) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
      });
      const post = (body: Json) => fetch(`${url}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const ok = await post({ model: 'echo', input: 'hi', acme_search_depth: 3 });
      expect(ok.status).toBe(200);
      const bad = await post({ model: 'echo', input: 'hi', acme_search_depth: 0 });
      expect(bad.status).toBe(400);
      expect((await bad.json()).error.param).toBe('acme_search_depth');
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('a folder that holds no generated spec is a usage error', async () => {
    const child = spawn(process.execPath, [runtimeBin, 'serve', '--spec', project], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toMatch(/--spec .*: no index\.js there; pass the folder anyresponses-codegen generate wrote/);
  });
});
