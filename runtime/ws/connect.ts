/**
 * `connect(model, options)`: a WebSocket session with a provider whose
 * manifest says it has WebSocket mode (`websocket`), refused before any
 * traffic for one that has none. The socket's URL is the HTTP base URL
 * with `ws:`/`wss:` and the manifest's path (`/responses`), with the same
 * query (settings, clientArgs.defaultQuery); its handshake carries the same
 * headers as an HTTP call (the key; a manifest's `websocket.auth` where
 * the provider documents another scheme for the upgrade). The first
 * socket is opened before it resolves, so a wrong key or URL fails here.
 */
import { Boundary } from '../client/boundary.js';
import { parseModel } from '../client/model.js';
import { connect as resolveConnection, findProvider, loadRegistry, type Manifest } from '../client/providers.js';
import { validatorFor } from '../client/validators.js';
import { ConfigurationError, UnsupportedParameterError } from '../core/errors.js';
import { resolveLimits } from '../core/limits.js';
import { buildURL, checkHeaders } from '../core/transport.js';
import { findWebSocket } from './implementation.js';
import type { ConnectOptions } from './options.js';
import { ResponsesSession } from './session.js';

const env = (): Record<string, string | undefined> => (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
const timeoutLayer = (ms: number | undefined) => (ms === undefined ? undefined : { timeoutMs: ms });

/** The headers of the upgrade: the provider's auth (or its WebSocket auth), then clientArgs.headers. */
function upgradeHeaders(m: Manifest, headers: Record<string, string>, key: string | undefined, extra: Record<string, string> | undefined): Record<string, string> {
  const out = { ...headers };
  const ws = m.websocket?.auth;
  if (ws && key) {
    if (m.auth?.header) delete out[m.auth.header];
    delete out.authorization;
    if (ws.style === 'bearer') out.authorization = `Bearer ${key}`;
    else if (ws.header) out[ws.header] = key;
  }
  return { ...out, ...extra };
}

/** `http:` -> `ws:`, `https:` -> `wss:` (a ws URL stays as it is). */
function socketURL(httpURL: string, provider: string): string {
  const url = new URL(httpURL);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  else if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new ConfigurationError(`${provider}: the base URL's scheme ${url.protocol} has no WebSocket equivalent`, { provider });
  return url.toString();
}

export function connect(model: string, options: ConnectOptions = {}, defaults: ConnectOptions = {}): Promise<ResponsesSession> {
  const merged: ConnectOptions = { ...defaults, ...options };
  const boundary = new Boundary(merged);
  return boundary.run(async () => {
    const limits = resolveLimits(defaults.limits, timeoutLayer(defaults.clientArgs?.timeout), options.limits, timeoutLayer(options.clientArgs?.timeout));
    const all = await loadRegistry();
    const ref = parseModel(model, merged.provider, (n) => all.some((p) => p.name === n));
    const manifest = findProvider(all, ref.provider);
    if (!manifest.websocket) {
      const have = all.filter((p) => p.responses && p.websocket).map((p) => p.name);
      throw new UnsupportedParameterError(manifest.name, 'WebSocket mode', `its documentation describes none (providers that have it: ${have.join(', ')}); use responses() over HTTP`);
    }
    const conn = resolveConnection(manifest, merged, merged.env ?? env());
    boundary.connected(conn, manifest.auth?.header);
    const args = merged.clientArgs ?? {};
    const headers = upgradeHeaders(manifest, conn.headers, conn.secrets[0], args.headers);
    checkHeaders(headers, manifest.name);
    const url = socketURL(buildURL(conn.baseURL, manifest.websocket.path, { ...conn.query, ...args.defaultQuery }, manifest.name), manifest.name);
    const found = findWebSocket(merged.WebSocket);
    const validate = (merged.validate ?? true) ? await validatorFor(manifest.flavor!) : undefined;
    const session = new ResponsesSession({ manifest, model: ref.model, url, headers, found, options: merged, limits, validate, secrets: conn.secrets, boundary });
    await session.start();
    return session;
  });
}
