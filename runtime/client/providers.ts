/**
 * The provider registry, generated from `schemas/providers/*.json` into
 * `anyresponses/providers`, loaded on first use (so importing the package
 * stays cheap), and what a call needs from a manifest: URL, headers, rejects.
 */
import { MissingApiKeyError, UnsupportedParameterError, UnsupportedProviderError } from '../core/errors.js';
import { InvalidBaseURLError, MissingBaseURLError, MissingSettingError } from '../core/usage-errors.js';

/** The fields of a manifest the client reads (the full type is `ProviderManifest` in `anyresponses/providers`). */
export interface Manifest {
  name: string;
  responses: boolean;
  flavor?: 'openai' | 'openresponses';
  baseURL?: string;
  env?: { apiKey?: string; baseURL?: string };
  /** A resource endpoint (env var) the base URL is derived from: its value + `path` (Azure). */
  endpoint?: { env: string; path: string };
  auth?: { style: 'bearer' | 'header' | 'none'; header?: string; required?: boolean };
  settings?: Array<{ name: string; env?: string; default?: string; required?: boolean; sendAs: { query: string } }>;
  operations?: string[];
  rejects?: Array<{ parameter: string; values?: unknown[]; reason: string }>;
  /** WebSocket mode, where the provider documents it: its path, and its auth when the upgrade's differs from `auth`. */
  websocket?: { path: string; auth?: { style: 'bearer' | 'header'; header?: string } };
  /** The provider keeps no conversation state (runtime/conversation/state.ts). */
  stateless?: boolean;
}

let registry: Promise<readonly Manifest[]> | undefined;

export function loadRegistry(): Promise<readonly Manifest[]> {
  registry ??= import('anyresponses/providers' as string).then((m: { PROVIDERS: readonly Manifest[] }) => m.PROVIDERS);
  return registry;
}

const byName = new WeakMap<readonly Manifest[], Map<string, Manifest>>();

export function findProvider(all: readonly Manifest[], name: string): Manifest {
  let index = byName.get(all);
  if (!index) byName.set(all, (index = new Map(all.map((p) => [p.name, p]))));
  const m = index.get(name);
  if (m?.responses) return m;
  const known = all.filter((p) => p.responses).map((p) => p.name);
  if (!m) throw new UnsupportedProviderError(name, known);
  throw new UnsupportedProviderError(name, known, `${name} has no Responses API; providers that have one: ${known.join(', ')}`);
}

export interface Connection {
  baseURL: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  secrets: string[];
}

/** Base URL, auth headers and settings for a call: options first, then env vars, then the manifest's defaults. */
export function connect(m: Manifest, opts: { apiKey?: string; apiBase?: string; settings?: Record<string, string> }, env: Record<string, string | undefined>): Connection {
  const key = opts.apiKey ?? (m.env?.apiKey ? env[m.env.apiKey] : undefined);
  if (!key && m.auth?.required) throw new MissingApiKeyError(m.name, m.env?.apiKey ?? 'an API key variable');
  const fromEndpoint = m.endpoint && env[m.endpoint.env] ? env[m.endpoint.env]!.replace(/\/+$/, '') + m.endpoint.path : undefined;
  const baseURL = opts.apiBase ?? (m.env?.baseURL ? env[m.env.baseURL] : undefined) ?? fromEndpoint ?? m.baseURL;
  if (!baseURL) {
    const vars = [m.env?.baseURL, m.endpoint?.env].filter((v): v is string => !!v);
    throw new MissingBaseURLError(m.name, vars);
  }
  checkBaseURL(m.name, baseURL, opts.apiBase !== undefined ? 'apiBase' : m.env?.baseURL && env[m.env.baseURL] ? m.env.baseURL : fromEndpoint ? m.endpoint!.env : `the ${m.name} manifest's baseURL`);
  const headers: Record<string, string> = {};
  if (key && m.auth?.style === 'bearer') headers.authorization = `Bearer ${key}`;
  if (key && m.auth?.style === 'header' && m.auth.header) headers[m.auth.header] = key;
  const query: Record<string, string> = {};
  for (const s of m.settings ?? []) {
    const v = opts.settings?.[s.name] ?? (s.env ? env[s.env] : undefined) ?? s.default;
    if (v === undefined && s.required) throw new MissingSettingError(m.name, s.name, s.env);
    if (v !== undefined) query[s.sendAs.query] = v;
  }
  return { baseURL, headers, query, secrets: key ? [key] : [] };
}

/** Throws before any network traffic when the provider rejects a parameter or an operation. */
export function checkSupported(m: Manifest, body: Record<string, unknown>, operation: string): void {
  if (m.operations && !m.operations.includes(operation)) {
    throw new UnsupportedParameterError(m.name, operation === 'stream' ? 'stream: true' : operation, `it supports ${m.operations.join(', ')}`);
  }
  for (const r of m.rejects ?? []) {
    if (!(r.parameter in body) || body[r.parameter] === undefined) continue;
    if (r.values && !r.values.some((v) => v === body[r.parameter])) continue;
    throw new UnsupportedParameterError(m.name, r.values ? `${r.parameter}: ${JSON.stringify(body[r.parameter])}` : r.parameter, r.reason);
  }
}

/** A base URL must parse as an absolute http(s) URL; the error names where it came from (`apiBase` or an env var). */
function checkBaseURL(provider: string, baseURL: string, from: string): void {
  let url: URL | undefined;
  try {
    url = new URL(baseURL);
  } catch {
    url = undefined;
  }
  const shown = JSON.stringify(baseURL.replace(/\/\/[^/@]*@/, '//***@').slice(0, 200));
  if (!url) throw new InvalidBaseURLError(`${provider}: ${from} ${shown} is not a URL: write an absolute URL such as "http://localhost:1234/v1"`, from, { provider });
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidBaseURLError(`${provider}: ${from} ${shown} must be an http or https URL, not ${url.protocol}`, from, { provider });
}
