/**
 * What counts as a secret, beyond the key in use: the values of headers that
 * carry credentials (by name: auth, key, token, cookie..., and a provider's
 * own auth header), and the user info of a URL. Also a URL made safe to
 * quote in a message.
 */
import { REDACTED } from './redact.js';

/** Headers whose values are credentials, whatever the provider calls its own (added by name). */
export const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie)$|key|token|secret|auth|session|password|credential/i;

/** The credentials in a set of headers (by name: auth, key, token, cookie...), with a scheme's token on its own too. */
export function headerSecrets(headers: Record<string, string | undefined> | undefined, extraNames: readonly string[] = []): string[] {
  const out: string[] = [];
  const extra = new Set(extraNames.map((n) => n.toLowerCase()));
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (typeof value !== 'string' || !(CREDENTIAL_HEADER.test(name) || extra.has(name.toLowerCase()))) continue;
    out.push(value);
    const space = value.indexOf(' ');
    if (space > 0) out.push(value.slice(space + 1).trim());
  }
  return out;
}

/** The user and password of a URL, raw and decoded. */
export function urlSecrets(url: string | undefined): string[] {
  // No '@', no user info: the common case costs no URL parse.
  if (!url || typeof url !== 'string' || !url.includes('@')) return [];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#@]+)@/i.exec(url);
    return m ? [m[1], ...m[1].split(':')] : [];
  }
  const out: string[] = [];
  for (const part of [parsed.username, parsed.password]) {
    if (!part) continue;
    out.push(part);
    try {
      const decoded = decodeURIComponent(part);
      if (decoded !== part) out.push(decoded);
    } catch {
      // a malformed % escape: the raw form is already listed
    }
  }
  if (parsed.username && parsed.password) out.push(`${parsed.username}:${parsed.password}`);
  return out;
}

/** A URL without its user info, for messages. */
export function safeURL(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, `$1${REDACTED}@`);
}
