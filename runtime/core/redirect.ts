/**
 * Redirects, followed by hand (`redirect: 'manual'`), so credentials and
 * prompts never leave the origin the caller chose: a redirect within that
 * origin is followed (up to `limits.maxRedirects`, with fetch's method
 * rules: 303, and 301/302 after a POST, become a GET without the body); a
 * redirect to another origin (another host, port or scheme) is refused with
 * a RedirectRefusedError, whatever header carries the key (`Authorization`,
 * Azure's `api-key`, a manifest's own) and whatever the status (a 307/308
 * would re-send the body). fetch's own following drops only
 * `Authorization` on a cross-origin hop, and re-sends the body.
 */
import { RedirectRefusedError } from './errors.js';
import { TooManyRedirectsError } from './limits.js';
import { safeURL } from './secrets.js';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface NextHop {
  url: string;
  method: string;
  /** The body is not sent again (the method became GET). */
  dropBody: boolean;
}

/** Where to go next after `res`, or undefined when it is no redirect to follow. */
export function followRedirect(res: Response, from: string, method: string, count: number, max: number, provider: string): NextHop | undefined {
  if (res.type === 'opaqueredirect') {
    throw new RedirectRefusedError(`${provider}: the server redirected the request, and this runtime hides where to; set apiBase to the final address`, { provider, status: res.status });
  }
  if (!REDIRECTS.has(res.status)) return undefined;
  const location = res.headers.get('location');
  if (location === null) return undefined;
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    throw new RedirectRefusedError(`${provider}: the server redirected to an address that does not parse`, { provider, status: res.status });
  }
  const origin = new URL(from).origin;
  if (to.origin !== origin || to.username || to.password) {
    throw new RedirectRefusedError(
      `${provider}: the server redirected (${res.status}) from ${origin} to another origin, ${safeURL(to.origin === 'null' ? to.protocol : to.origin)}; the request and its credentials are only sent where apiBase points (set apiBase to the new address if you trust it)`,
      { provider, status: res.status },
    );
  }
  if (count >= max) throw new TooManyRedirectsError(`the chain of redirects from ${origin}`, 'maxRedirects', max, provider);
  const toGet = res.status === 303 ? method !== 'HEAD' : (res.status === 301 || res.status === 302) && method === 'POST';
  return { url: to.href, method: toGet ? 'GET' : method, dropBody: toGet };
}
