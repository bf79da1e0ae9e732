/**
 * CORS, so a page in a browser can call the mock server from another
 * origin: every answer allows any origin and exposes its headers, and a
 * preflight (`OPTIONS` with `Access-Control-Request-Method`) is answered
 * 204 with the method and headers it asked for. A preflight is the
 * browser's question, not an API request: it is not recorded.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** How long (seconds) a browser may cache a preflight's answer. */
export const CORS_MAX_AGE_S = 600;

/** Sets the CORS headers; answers and returns true when the request is a preflight. */
export function cors(req: IncomingMessage, res: ServerResponse): boolean {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-expose-headers', '*');
  const method = req.headers['access-control-request-method'];
  if (req.method !== 'OPTIONS' || typeof method !== 'string') return false;
  const headers = req.headers['access-control-request-headers'];
  res.writeHead(204, {
    'access-control-allow-methods': method,
    ...(typeof headers === 'string' ? { 'access-control-allow-headers': headers } : {}),
    'access-control-max-age': String(CORS_MAX_AGE_S),
    'content-length': '0',
  });
  res.end();
  return true;
}
