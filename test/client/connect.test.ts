/** Base URL, auth and settings for a call, from the real manifests: options first, then env vars, then defaults. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect, type Manifest } from '../../runtime/client/providers.js';
import { repoRoot } from '../support/shared.js';

const manifest = (name: string): Manifest => JSON.parse(readFileSync(join(repoRoot, 'schemas/providers', `${name}.json`), 'utf8'));
type Given = { provider: string; opts?: { apiKey?: string; apiBase?: string; settings?: Record<string, string> }; env?: Record<string, string> };

describe('connect', () => {
  it.each<[string, { given: Given; want: { baseURL: string; headers?: Record<string, string>; query?: Record<string, string> } }]>([
    ['the manifest default', { given: { provider: 'openai', env: { OPENAI_API_KEY: 'k' } }, want: { baseURL: 'https://api.openai.com/v1', headers: { authorization: 'Bearer k' } } }],
    ['the base URL env var over the default', { given: { provider: 'openai', env: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://proxy/v1' } }, want: { baseURL: 'http://proxy/v1' } }],
    ['apiBase over everything', { given: { provider: 'openai', opts: { apiBase: 'http://mine/v1' }, env: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://proxy/v1' } }, want: { baseURL: 'http://mine/v1' } }],
    ['Azure: the resource endpoint plus /openai/v1', { given: { provider: 'azureopenai', env: { AZURE_OPENAI_API_KEY: 'az', AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com/' } }, want: { baseURL: 'https://res.openai.azure.com/openai/v1', headers: { 'api-key': 'az' }, query: {} } }],
    ['Azure: the full base URL var over the endpoint', { given: { provider: 'azureopenai', env: { AZURE_OPENAI_API_KEY: 'az', AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com', AZURE_OPENAI_API_BASE: 'https://gw.example/openai/v1' } }, want: { baseURL: 'https://gw.example/openai/v1' } }],
    ['Azure: api-version from its env var', { given: { provider: 'azureopenai', env: { AZURE_OPENAI_API_KEY: 'az', AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com', AZURE_OPENAI_API_VERSION: 'preview' } }, want: { baseURL: 'https://res.openai.azure.com/openai/v1', query: { 'api-version': 'preview' } } }],
    ['a local server needs no key', { given: { provider: 'lmstudio' }, want: { baseURL: 'http://localhost:1234/v1', headers: {} } }],
  ])('%s', (_name, { given, want }) => {
    const c = connect(manifest(given.provider), given.opts ?? {}, given.env ?? {});
    expect(c.baseURL).toBe(want.baseURL);
    if (want.headers) expect(c.headers).toEqual(want.headers);
    if (want.query) expect(c.query).toEqual(want.query);
  });

  it.each([
    ['Azure without any base URL names both variables', 'azureopenai', { AZURE_OPENAI_API_KEY: 'az' }, /no base URL for azureopenai: pass apiBase or set AZURE_OPENAI_API_BASE or AZURE_OPENAI_ENDPOINT/],
    ['a missing key names the env var', 'groq', {}, /GROQ_API_KEY/],
  ])('%s', (_name, provider, env, want) => {
    expect(() => connect(manifest(provider), {}, env)).toThrow(want);
  });
});
