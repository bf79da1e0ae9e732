/**
 * Every error the library throws is an AnyResponsesError, each of a specific
 * exported class. The first test reads every `throw new X` and `new XError(`
 * in runtime/ and checks each X against the package's exports; the rest call
 * the library with bad input over real sockets and check the class and what
 * the message names.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as root from 'anyresponses';
import * as testing from 'anyresponses/testing';
import * as openai from 'anyresponses/openai';

const RUNTIME = join(import.meta.dirname, '../../runtime');

/** Classes that never leave the package: each is caught where it is thrown, in its one folder. */
const INTERNAL: Record<string, { folder: string; why: string }> = {
  UsageError: { folder: 'cli', why: 'the CLI turns it into exit code 2 and a message' },
  HttpError: { folder: 'testing/server', why: 'the mock server turns it into an HTTP error answer' },
  Skip: { folder: 'testing/conform', why: "conform's verdict for a scenario a server does not offer" },
  ProtocolViolation: { folder: 'testing', why: 'the mock WebSocket server and conform answer it with a close frame' },
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

/** Every class the runtime throws or constructs as an error, with where. */
function throwSites(): Array<{ name: string; where: string; file: string }> {
  const sites: Array<{ name: string; where: string; file: string }> = [];
  for (const file of files(RUNTIME)) {
    const rel = relative(RUNTIME, file);
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (/^\s*(\*|\/\/)/.test(line)) return;
        for (const m of line.matchAll(/\bthrow new ([A-Za-z_$][\w$]*)|\bnew ([A-Z][\w$]*Error)\(/g)) sites.push({ name: m[1] ?? m[2], where: `${rel}:${i + 1}`, file: rel });
      });
  }
  return sites;
}

const exported = { ...testing, ...root } as Record<string, unknown>;

describe('one error hierarchy', () => {
  const sites = throwSites();

  it('finds the throw sites', () => {
    expect(sites.length).toBeGreaterThan(100);
  });

  it('every class thrown is a specific, exported AnyResponsesError subclass (internal ones stay in their folder)', () => {
    const wrong: string[] = [];
    for (const s of sites) {
      const internal = INTERNAL[s.name];
      if (internal) {
        if (!s.file.startsWith(internal.folder + '/')) wrong.push(`${s.where}: ${s.name} outside ${internal.folder}/`);
        continue;
      }
      const cls = exported[s.name];
      if (s.name === 'AnyResponsesError') wrong.push(`${s.where}: the bare base class; throw a specific subclass`);
      else if (typeof cls !== 'function') wrong.push(`${s.where}: ${s.name} is not exported by anyresponses or anyresponses/testing`);
      else if (!((cls as { prototype: unknown }).prototype instanceof root.AnyResponsesError)) wrong.push(`${s.where}: ${s.name} is not an AnyResponsesError`);
    }
    expect(wrong).toEqual([]);
  });

  it('the validators throw the same classes as the package root (one class across the bundles)', () => {
    let caught: unknown;
    try {
      openai.assertResponse({});
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(root.SpecValidationError);
    expect(caught).toBeInstanceOf(root.AnyResponsesError);
    expect(() => openai.validate('Respons' as never, {})).toThrow(root.UnknownSchemaError);
  });
});

describe('bad input throws its own class, naming what was wrong', () => {
  let server: Awaited<ReturnType<typeof testing.startMockServer>>;
  beforeAll(async () => {
    server = await testing.startMockServer({ flavor: 'openai' });
  });
  afterAll(() => server.close());

  const fault = (f: object) => ({ clientArgs: { headers: { 'x-mock-fault': JSON.stringify(f) }, maxRetries: 0 } });
  type Case = { given: () => Promise<unknown>; want: { error: Function; message: RegExp } };
  const cases: Array<[string, Case]> = [
    ['an apiBase that is not a URL', { given: () => root.responses('openai:echo', 'hi', { apiKey: 'k', apiBase: 'not a url' }), want: { error: root.InvalidBaseURLError, message: /^openai: apiBase "not a url" is not a URL/ } }],
    ['an apiBase with no host', { given: () => root.responses('openai:echo', 'hi', { apiKey: 'k', apiBase: 'http://' }), want: { error: root.InvalidBaseURLError, message: /apiBase "http:\/\/" is not a URL/ } }],
    ['an apiBase that is not http', { given: () => root.responses('openai:echo', 'hi', { apiKey: 'k', apiBase: 'ftp://example.com/v1' }), want: { error: root.InvalidBaseURLError, message: /must be an http or https URL/ } }],
    ['a base URL env var that is not a URL', { given: () => root.responses('openai:echo', 'hi', { apiKey: 'k', env: { OPENAI_BASE_URL: 'nope' } }), want: { error: root.InvalidBaseURLError, message: /OPENAI_BASE_URL "nope"/ } }],
    ['Azure without a base URL', { given: () => root.responses('azureopenai:gpt-5', 'hi', { apiKey: 'k', env: {} }), want: { error: root.MissingBaseURLError, message: /pass apiBase or set AZURE_OPENAI_API_BASE or AZURE_OPENAI_ENDPOINT/ } }],
    ['an empty model after the provider', { given: () => root.responses('openai:', 'hi', { apiKey: 'k', apiBase: server.url }), want: { error: root.ModelStringError, message: /no model in "openai:"/ } }],
    ['an empty model string', { given: () => root.responses('', 'hi'), want: { error: root.ModelStringError, message: /non-empty/ } }],
    ['no provider in the model', { given: () => root.responses('gpt-5', 'hi'), want: { error: root.ModelStringError, message: /no provider in model "gpt-5"/ } }],
    ['a misspelled parameter', { given: () => root.responses('openai:echo', 'hi', { apiKey: 'k', apiBase: server.url, max_output_token: 5 } as never), want: { error: root.UnknownParameterError, message: /^openai: unknown parameter 'max_output_token'.*did you mean max_output_tokens\?.*extra_body/ } }],
    ['a parameter of the wrong type', { given: () => root.responses('openai:echo', 'hi', { apiKey: 'k', apiBase: server.url, temperature: 'hot' } as never), want: { error: root.SpecValidationError, message: /\/temperature: / } }],
    ['extra_body that is not an object', { given: () => root.responses('openai:echo', 'hi', { apiKey: 'k', apiBase: server.url, extra_body: [1] } as never), want: { error: root.InvalidOptionError, message: /extra_body must be an object/ } }],
    ['response_format that is not a schema', { given: () => root.responses('openai:echo', 'hi', { apiKey: 'k', apiBase: server.url, response_format: 42 } as never), want: { error: root.InvalidOptionError, message: /response_format must be/ } }],
    ['a retrieve with no provider', { given: () => root.createClient({}).retrieve('resp_1'), want: { error: root.MissingProviderError, message: /retrieve needs a provider/ } }],
    ['a malformed SSE event is a protocol error', { given: async () => (await root.responses('openai:echo', 'hi', { apiKey: 'k', apiBase: server.url, stream: true, ...fault({ malformed: 'bad-json', afterEvents: 2 }) })).finalResponse(), want: { error: root.MalformedEventError, message: /^openai: malformed SSE event/ } }],
    ['a truncated SSE line is a protocol error', { given: async () => (await root.responses('openai:echo', 'hi', { apiKey: 'k', apiBase: server.url, stream: true, ...fault({ malformed: 'truncated-line', afterEvents: 1 }) })).finalResponse(), want: { error: root.MalformedEventError, message: /malformed SSE event/ } }],
    ['an unknown mock-server flavor', { given: () => testing.startMockServer({ flavor: 'anthropic' as never }), want: { error: root.InvalidOptionError, message: /unknown flavor 'anthropic'/ } }],
    ['conform without a base URL', { given: () => testing.conform({} as never), want: { error: testing.ConformUsageError, message: /baseUrl is required/ } }],
  ];

  it.each(cases)('%s', async (_name, { given, want }) => {
    const e = await given().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(want.error);
    expect(e).toBeInstanceOf(root.AnyResponsesError);
    expect((e as Error).message).toMatch(want.message);
    expect((e as Error).name).toBe(want.error.name);
  });

  it('a misspelled parameter goes through extra_body, merged after the check', async () => {
    const before = server.requests.length;
    await expect(root.responses('openai:echo', 'hi', { apiKey: 'k', apiBase: server.url, validate: true, extra_body: { metadata: { via: 'extra_body' } } })).resolves.toBeTruthy();
    expect((server.requests[before].body as { metadata?: unknown }).metadata).toEqual({ via: 'extra_body' });
  });

  it('a ResponseStream iterated twice is a StreamConsumedError', async () => {
    const s = await root.responses('openai:echo', 'hi', { apiKey: 'k', apiBase: server.url, stream: true });
    await s.finalResponse();
    expect(() => s[Symbol.asyncIterator]()).toThrow(root.StreamConsumedError);
  });
});
