/**
 * Provider manifests (schemas/providers/*.json): each one valid against
 * generator/schemas/provider-manifest.schema.json, named and written canonically, and
 * carrying the facts the client relies on; the schema itself rejects broken
 * manifests at the right JSON pointer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { compile } from 'json-schema-to-typescript';
import { describe, expect, it } from 'vitest';
import { loadProviders } from '../../generator/load/providers.js';
import { hasShared, recordings, repoRoot, specsDir } from '../support/shared.js';

type Json = Record<string, any>;

const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module.default;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule.default;

const providersDir = join(repoRoot, 'schemas/providers');
const schemaFile = join(repoRoot, 'generator/schemas/provider-manifest.schema.json');
const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Json;

function compileSchema() {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
const check = compileSchema();

const manifests = readdirSync(providersDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => {
    const text = readFileSync(join(providersDir, file), 'utf8');
    return { file, text, m: JSON.parse(text) as Json };
  });
const byName = (name: string): Json => {
  const found = manifests.find((x) => x.m.name === name);
  if (!found) throw new Error(`no manifest named ${name} in ${providersDir}`);
  return found.m;
};
const errorsText = () => JSON.stringify(check.errors, null, 1);

/** Follows a local "#/$defs/..." reference. */
function resolve(node: Json): Json {
  if (typeof node.$ref !== 'string') return node;
  return node.$ref.split('/').slice(1).reduce((n: Json, key: string) => n[key], schema);
}

/** Where the keys of `value` are not in the order of the schema's properties, recursively. */
function keyOrderProblems(value: unknown, node: Json, pointer: string): string[] {
  const s = resolve(node);
  if (Array.isArray(value)) return s.items ? value.flatMap((v, i) => keyOrderProblems(v, s.items, `${pointer}/${i}`)) : [];
  if (value === null || typeof value !== 'object' || !s.properties) return [];
  const order = Object.keys(s.properties);
  const keys = Object.keys(value);
  const positions = keys.map((k) => order.indexOf(k));
  const sorted = positions.every((p, i) => i === 0 || p > positions[i - 1]);
  const here = sorted ? [] : [`${pointer || '/'}: keys ${keys.join(', ')} are not in the schema's order (${order.join(', ')})`];
  return here.concat(keys.flatMap((k) => (s.properties[k] ? keyOrderProblems((value as Json)[k], s.properties[k], `${pointer}/${k}`) : [])));
}

describe('every provider manifest', () => {
  it('exists for each provider the library knows, and only once', () => {
    const names = manifests.map((x) => x.m.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(
      [
        'alibaba', 'anthropic', 'azureopenai', 'bedrock', 'cerebras', 'chat-compatible', 'cohere', 'deepseek', 'fireworks', 'gemini', 'gmi', 'groq',
        'huggingface', 'lmstudio', 'mistral', 'moonshot', 'neosantara', 'ollama', 'openai', 'openai-compatible', 'openresponses', 'openrouter',
        'perplexity', 'together', 'vllm', 'xai',
      ],
    );
  });

  it.each(manifests.map((x) => [x.file, x] as const))('%s is valid, named like its file and written canonically', (file, { text, m }) => {
    expect(check(m), errorsText()).toBe(true);
    expect(`${m.name}.json`).toBe(file);
    expect(text, 'JSON with a 2-space indent and a final newline').toBe(`${JSON.stringify(m, null, 2)}\n`);
    expect(keyOrderProblems(m, schema, '')).toEqual([]);
  });

  it('loads through the generator, which checks the same schema', () => {
    const loaded = loadProviders(providersDir, schemaFile);
    expect(loaded.manifests.map((m) => m.name)).toEqual(manifests.map((x) => x.m.name));
    expect(loaded.manifests.every((m) => !('$schema' in m))).toBe(true);
  });
});

describe('what the client relies on', () => {
  const withResponses = manifests.filter((x) => x.m.responses === true).map((x) => [x.m.name, x.m] as const);
  const withoutResponses = manifests.filter((x) => x.m.responses === false).map((x) => [x.m.name, x.m] as const);

  it.each(withResponses)('%s (Responses API) has a flavor, create, and a base URL or a base URL env var', (_name, m) => {
    expect(['openai', 'openresponses']).toContain(m.flavor);
    expect(m.operations).toContain('create');
    expect(m.operations.includes('stream')).toBe(m.streaming);
    expect(m.baseURL !== undefined || /^[A-Z][A-Z0-9_]*$/.test(m.env.baseURL ?? '') || m.endpoint !== undefined).toBe(true);
  });

  it.each(withoutResponses)('%s (no Responses API) lists no operation and names its key variable', (_name, m) => {
    expect(m.operations ?? []).toEqual([]);
    expect(m.flavor).toBeUndefined();
    expect(m.env.apiKey).toMatch(/^[A-Z][A-Z0-9_]*$/);
  });

  it('bedrock, without a Responses API or a chat endpoint here, is marked so', () => {
    expect(byName('bedrock').responses).toBe(false);
  });

  const chatOnly = ['anthropic', 'gemini', 'mistral', 'cohere', 'deepseek', 'together', 'cerebras', 'moonshot', 'alibaba', 'perplexity', 'gmi', 'chat-compatible'];
  it('the chat-only providers are exactly those of issue 12, plus chat-compatible', () => {
    expect(manifests.filter((x) => x.m.api === 'chat').map((x) => x.m.name).sort()).toEqual([...chatOnly].sort());
  });

  it.each(chatOnly.map((n) => [n]))('%s goes through the Chat Completions bridge: OpenResponses shapes, stateless, create and stream, a bearer key', (name) => {
    const m = byName(name);
    expect({ responses: m.responses, flavor: m.flavor, stateless: m.stateless, operations: m.operations, style: m.auth.style }).toEqual({ responses: true, flavor: 'openresponses', stateless: true, operations: ['create', 'stream'], style: 'bearer' });
    expect(m.chat).toBeTypeOf('object');
    expect(m.docs.length).toBeGreaterThan(0);
    expect(m.baseURL !== undefined || m.env.baseURL !== undefined).toBe(true);
  });

  it.each([
    ['anthropic', 'https://api.anthropic.com/v1', 'ANTHROPIC_API_KEY'],
    ['gemini', 'https://generativelanguage.googleapis.com/v1beta/openai', 'GEMINI_API_KEY'],
    ['mistral', 'https://api.mistral.ai/v1', 'MISTRAL_API_KEY'],
    ['cohere', 'https://api.cohere.ai/compatibility/v1', 'COHERE_API_KEY'],
    ['deepseek', 'https://api.deepseek.com', 'DEEPSEEK_API_KEY'],
    ['together', 'https://api.together.ai/v1', 'TOGETHER_API_KEY'],
    ['cerebras', 'https://api.cerebras.ai/v1', 'CEREBRAS_API_KEY'],
    ['moonshot', 'https://api.moonshot.ai/v1', 'MOONSHOT_API_KEY'],
    ['alibaba', 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1', 'DASHSCOPE_API_KEY'],
    ['perplexity', 'https://api.perplexity.ai', 'PERPLEXITY_API_KEY'],
    ['gmi', 'https://api.gmi-serving.com/v1', 'GMI_API_KEY'],
  ])('%s: base URL %s, key in %s (research-providers.md)', (name, baseURL, key) => {
    expect([byName(name).baseURL, byName(name).env.apiKey]).toEqual([baseURL, key]);
  });

  it.each([
    ['deepseek', { reasoningReplay: { field: 'reasoning_content', on: 'tool_calls' }, jsonSchema: 'json_object' }],
    ['moonshot', { maxTokensField: 'max_completion_tokens', reasoningReplay: { field: 'reasoning_content', on: 'tool_calls' } }],
    ['mistral', { toolChoiceRequired: 'any', identityField: null }],
    ['cerebras', { parallelToolCalls: false }],
    ['openai', { maxTokensField: 'max_completion_tokens', systemRole: 'developer' }],
  ])('%s: the chat quirks its docs name are bridge options', (name, want) => {
    expect(byName(name).chat.options).toMatchObject(want);
  });

  it('Groq rejects max_tool_calls entirely', () => {
    expect(byName('groq').rejects).toEqual([{ parameter: 'max_tool_calls', reason: expect.any(String) }]);
  });

  it('OpenRouter (stateless) rejects store: true and any previous_response_id', () => {
    expect(byName('openrouter').rejects).toEqual([
      { parameter: 'store', values: [true], reason: expect.any(String) },
      { parameter: 'previous_response_id', reason: expect.any(String) },
    ]);
  });

  it.each([
    ['openresponses', { flavor: 'openresponses', baseURL: 'OPENRESPONSES_API_BASE' }],
    ['openai-compatible', { flavor: 'openai', baseURL: 'OPENAI_COMPATIBLE_API_BASE' }],
  ])('the generic %s provider has no default base URL and takes one from %j', (name, want) => {
    const m = byName(name);
    expect(m.baseURL).toBeUndefined();
    expect(m.endpoint).toBeUndefined();
    expect({ flavor: m.flavor, baseURL: m.env.baseURL }).toEqual(want);
  });

  it.each([
    ['lmstudio', false], ['ollama', false], ['vllm', false], ['openresponses', false], ['openai-compatible', false],
    ['openai', true], ['azureopenai', true], ['openrouter', true], ['groq', true], ['fireworks', true],
    ['huggingface', true], ['xai', true], ['neosantara', true],
  ])('%s requires an API key: %s', (name, required) => {
    expect(byName(name).auth.required).toBe(required);
  });

  it('Azure: key in the api-key header, base URL from the resource endpoint, optional api-version query parameter', () => {
    const m = byName('azureopenai');
    expect(m.auth).toEqual({ style: 'header', header: 'api-key', required: true });
    expect(m.baseURL).toBeUndefined();
    expect(m.endpoint).toEqual({ env: 'AZURE_OPENAI_ENDPOINT', path: '/openai/v1' });
    expect(m.env).toEqual({ apiKey: 'AZURE_OPENAI_API_KEY', baseURL: 'AZURE_OPENAI_API_BASE' });
    expect(m.settings).toEqual([
      { name: 'apiVersion', description: expect.any(String), env: 'AZURE_OPENAI_API_VERSION', required: false, sendAs: { query: 'api-version' } },
    ]);
  });

  it('the flavor of each recorded provider matches its recordings: openresponses exactly when every body is a full ResponseResource', () => {
    if (!hasShared()) return;
    const spec = JSON.parse(readFileSync(join(specsDir, 'openresponses/openapi.json'), 'utf8')) as Json;
    const required: string[] = spec.components.schemas.ResponseResource.required;
    const bodies = new Map<string, Json[]>();
    for (const r of recordings().filter((x) => x.kind === 'json')) {
      const body = JSON.parse(readFileSync(r.file, 'utf8')) as Json;
      if (body.object !== 'response') continue;
      bodies.set(r.provider, [...(bodies.get(r.provider) ?? []), body]);
    }
    expect(bodies.size).toBeGreaterThan(0);
    for (const [provider, list] of bodies) {
      const complete = list.every((b) => required.every((k) => k in b));
      expect(byName(provider).flavor, provider).toBe(complete ? 'openresponses' : 'openai');
    }
  });
});

describe('the manifest schema', () => {
  const valid: Json = {
    name: 'example',
    displayName: 'Example',
    responses: true,
    flavor: 'openai',
    baseURL: 'https://api.example.com/v1',
    env: { apiKey: 'EXAMPLE_API_KEY' },
    auth: { style: 'bearer', required: true },
    operations: ['create', 'stream'],
    timeout: true,
    streaming: true,
    docs: ['https://example.com/docs'],
  };
  const noResponses: Json = { name: 'other', displayName: 'Other', responses: false, env: { apiKey: 'OTHER_API_KEY' }, docs: ['https://example.com/docs'] };
  const without = (m: Json, key: string): Json => Object.fromEntries(Object.entries(m).filter(([k]) => k !== key));
  const reject = { parameter: 'store', values: [true], reason: 'stateless' };

  it('accepts the valid examples the table below breaks, and a reject with or without values', () => {
    for (const m of [valid, noResponses, { ...valid, rejects: [reject, { parameter: 'max_tool_calls', reason: 'unsupported' }] }]) {
      expect(check(m), errorsText()).toBe(true);
    }
  });

  it.each([
    ['a Responses provider without a flavor', without(valid, 'flavor'), '', 'required', { missingProperty: 'flavor' }],
    ['a Responses provider without timeout', without(valid, 'timeout'), '', 'required', { missingProperty: 'timeout' }],
    ['an unknown flavor', { ...valid, flavor: 'anthropic' }, '/flavor', 'enum'],
    ['an unknown operation', { ...valid, operations: ['create', 'teleport', 'stream'] }, '/operations/1', 'enum'],
    ['operations without create', { ...valid, operations: ['stream'] }, '/operations', 'contains'],
    ['streaming without the stream operation', { ...valid, operations: ['create'] }, '/operations', 'contains'],
    ['a repeated operation', { ...valid, operations: ['create', 'create', 'stream'] }, '/operations', 'uniqueItems'],
    ['no base URL, base URL env var or endpoint', without(valid, 'baseURL'), '', 'anyOf'],
    ['a base URL with a trailing slash', { ...valid, baseURL: 'https://api.example.com/v1/' }, '/baseURL', 'pattern'],
    ['a lower-case env var name', { ...valid, env: { apiKey: 'example_api_key' } }, '/env/apiKey', 'pattern'],
    ['env without apiKey', { ...valid, env: { baseURL: 'EXAMPLE_API_BASE' } }, '/env', 'required', { missingProperty: 'apiKey' }],
    ['an unknown auth style', { ...valid, auth: { style: 'magic', required: true } }, '/auth/style', 'enum'],
    ['header auth without a header name', { ...valid, auth: { style: 'header', required: true } }, '/auth', 'required', { missingProperty: 'header' }],
    ['bearer auth naming a header', { ...valid, auth: { style: 'bearer', header: 'api-key', required: true } }, '/auth/header', 'false schema'],
    ['no auth yet a required key', { ...valid, auth: { style: 'none', required: true } }, '/auth/required', 'const'],
    ['auth that does not say whether a key is required', { ...valid, auth: { style: 'bearer' } }, '/auth', 'required', { missingProperty: 'required' }],
    ['a reject with an empty values list', { ...valid, rejects: [{ ...reject, values: [] }] }, '/rejects/0/values', 'minItems'],
    ['a reject without a reason', { ...valid, rejects: [{ parameter: 'store' }] }, '/rejects/0', 'required', { missingProperty: 'reason' }],
    ['a reject value that is an object', { ...valid, rejects: [{ ...reject, values: [{}] }] }, '/rejects/0/values/0', 'anyOf'],
    ['a setting sent nowhere', { ...valid, settings: [{ name: 'apiVersion', description: 'd', required: false, sendAs: {} }] }, '/settings/0/sendAs', 'required'],
    ['an endpoint path without a leading slash', { ...valid, endpoint: { env: 'EXAMPLE_ENDPOINT', path: 'openai/v1' } }, '/endpoint/path', 'pattern'],
    ['a name with capitals', { ...valid, name: 'Example' }, '/name', 'pattern'],
    ['docs that are not https URLs', { ...valid, docs: ['see the website'] }, '/docs/0', 'pattern'],
    ['no docs', { ...valid, docs: [] }, '/docs', 'minItems'],
    ['a misspelt key', { ...valid, baseUrl: 'https://api.example.com/v1' }, '', 'additionalProperties', { additionalProperty: 'baseUrl' }],
    ['a provider without a Responses API listing operations', { ...noResponses, operations: ['create'] }, '/operations', 'maxItems'],
    ['a provider without a Responses API with a flavor', { ...noResponses, flavor: 'openai' }, '/flavor', 'false schema'],
    ['a provider without a Responses API with rejects', { ...noResponses, rejects: [reject] }, '/rejects', 'false schema'],
    ['a provider without a Responses API claiming streaming', { ...noResponses, streaming: true }, '/streaming', 'false schema'],
    ['a provider without a Responses API claiming WebSocket mode', { ...noResponses, websocket: { path: '/responses' } }, '/websocket', 'false schema'],
    ['WebSocket mode without a path', { ...valid, websocket: {} }, '/websocket', 'required', { missingProperty: 'path' }],
    ['WebSocket mode with an unknown key', { ...valid, websocket: { path: '/responses', url: 'wss://x' } }, '/websocket', 'additionalProperties'],
    ['WebSocket auth of no style', { ...valid, websocket: { path: '/responses', auth: { style: 'none' } } }, '/websocket/auth/style', 'enum'],
    ['a chat provider without its chat endpoint', { ...valid, flavor: 'openresponses', api: 'chat', stateless: true }, '', 'required', { missingProperty: 'chat' }],
    ['a chat provider of the openai flavor', { ...valid, api: 'chat', stateless: true, chat: {} }, '/flavor', 'const'],
    ['a chat provider that keeps state', { ...valid, flavor: 'openresponses', api: 'chat', stateless: false, chat: {} }, '/stateless', 'const'],
    ['a chat provider offering retrieve', { ...valid, flavor: 'openresponses', api: 'chat', stateless: true, chat: {}, operations: ['create', 'stream', 'retrieve'] }, '/operations/2', 'enum'],
    ['an unknown bridge option', { ...valid, chat: { options: { maxTokens: 'max_tokens' } } }, '/chat/options', 'additionalProperties', { additionalProperty: 'maxTokens' }],
    ['an unknown api', { ...valid, api: 'messages' }, '/api', 'enum'],
    ['a provider without a Responses API with a chat endpoint', { ...noResponses, chat: {} }, '/chat', 'false schema'],
  ] as Array<[string, Json, string, string, Json?]>)('rejects %s (at %j, %s)', (_name, manifest, pointer, keyword, params) => {
    expect(check(manifest)).toBe(false);
    const at = check.errors!.filter((e) => e.instancePath === pointer && e.keyword === keyword);
    expect(at, errorsText()).not.toEqual([]);
    if (params) expect(at.map((e) => e.params)).toContainEqual(expect.objectContaining(params));
  });

  it('compiles with json-schema-to-typescript into one named type per concept', async () => {
    const ts = await compile(schema as Parameters<typeof compile>[0], 'ProviderManifest', { bannerComment: '', additionalProperties: false, format: false });
    const declared = [...ts.matchAll(/export (?:type|interface) (\w+)/g)].map((x) => x[1]).sort();
    expect(declared).toEqual(['ProviderAuth', 'ProviderBridgeOptions', 'ProviderChat', 'ProviderEndpoint', 'ProviderEnv', 'ProviderFlavor', 'ProviderManifest', 'ProviderOperation', 'ProviderReject', 'ProviderSetting', 'ProviderWebSocket']);
    expect(ts).toContain('responses: boolean');
    expect(ts).toMatch(/values\?: \[\(string \| number \| boolean \| null\)/);
  });
});
