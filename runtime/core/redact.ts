/**
 * Keeps secrets out of everything the library hands back: one `Redactor` per
 * call, built from the secrets it knows (the API key in use, the values of
 * credential headers, the user and password of a base URL), and applied at
 * the boundary (client.ts) to every error thrown to the caller (message,
 * stack, every own property, the whole `cause` chain), every warning, and
 * the events a StreamError carries. Whatever the configured list misses,
 * patterns catch: bearer and basic credentials, `sk-` keys, and the user
 * info of URLs (`https://user:pass@host`). Values are copied iteratively
 * (no depth at which strings stay raw), cycles included, keys included; a
 * secret cut short by a truncation (`gsk_LIVE...`) is caught too.
 */

/** The text that replaces a secret. */
export const REDACTED = '[redacted]';

/** Secrets shorter than this are placeholders (`test`, `k`), never searched for. */
export const MIN_SECRET_LENGTH = 8;

/**
 * What patterns catch, whatever the configured secrets: a scheme's credential (group 2), an
 * `sk-` key (group 3) and a URL's user info (group 4, the scheme). Group 1 is the configured
 * secrets. Repetitions are bounded where a failed match could rescan: a long text without '@'
 * must not cost its length squared.
 */
const PATTERNS = String.raw`|\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{4,}|(\bsk-)[A-Za-z0-9_-]{8,}|(\b[a-zA-Z][a-zA-Z0-9+.-]{0,31}:\/\/)[^\s/?#@"'<>]{1,512}@`;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

const SCHEMES: Record<string, string> = { Bearer: `Bearer ${REDACTED}`, Basic: `Basic ${REDACTED}`, Token: `Token ${REDACTED}` };
const SK = `sk-${REDACTED}`;

/** One replacement per match, by the group that matched (no second look at the text, no new string but for a URL). */
function replacement(_match: string, secret: string | undefined, scheme: string | undefined, sk: string | undefined, url: string | undefined): string {
  if (secret !== undefined) return REDACTED;
  if (scheme !== undefined) return SCHEMES[scheme];
  if (sk !== undefined) return SK;
  return `${url}${REDACTED}@`;
}

export class Redactor {
  private readonly secrets: string[] = [];
  /** Built on first use: a call that never fails never pays for it. */
  private compiled: RegExp | undefined;

  constructor(secrets: Iterable<string | undefined> = []) {
    this.add(secrets);
  }

  /** Adds secrets (too short ones are ignored). */
  add(secrets: Iterable<string | undefined>): this {
    for (const s of secrets) {
      if (typeof s !== 'string' || s.length < MIN_SECRET_LENGTH || this.secrets.includes(s)) continue;
      this.secrets.push(s);
      this.compiled = undefined;
    }
    return this;
  }

  private get re(): RegExp {
    if (this.compiled === undefined) {
      // Longest first, so a secret that contains another is replaced whole.
      this.secrets.sort((a, b) => b.length - a.length);
      // With no secrets, group 1 is an empty lookahead that never matches.
      this.compiled = new RegExp(`(${this.secrets.length === 0 ? '(?!)' : this.secrets.map(escapeRe).join('|')})${PATTERNS}`, 'g');
    }
    return this.compiled;
  }

  /** A string with every secret replaced. */
  text(s: string): string {
    const re = this.re;
    re.lastIndex = 0;
    let out = re.test(s) ? s.replace(re, replacement) : s;
    if (this.secrets.length > 0 && out.includes('...')) out = this.cutSecrets(out);
    return out;
  }

  /**
   * A secret's start (6 characters or more) cut short by a truncation mark (`gsk_LIVEKEY...`).
   * Linear: each secret's first 6 characters are searched with indexOf, and each hit is
   * compared for at most the secret's length.
   */
  private cutSecrets(s: string): string {
    let out = s;
    for (const secret of this.secrets) {
      const head = secret.slice(0, 6);
      const parts: string[] = [];
      let from = 0;
      for (let p = out.indexOf(head); p !== -1; p = out.indexOf(head, p + 1)) {
        let m = 6;
        while (m < secret.length && out.charCodeAt(p + m) === secret.charCodeAt(m)) m++;
        if (m < secret.length && out.startsWith('...', p + m)) {
          parts.push(out.slice(from, p), REDACTED);
          from = p + m;
        }
      }
      if (parts.length > 0) out = parts.join('') + out.slice(from);
    }
    return out;
  }

  /**
   * A copy of a value with every string (and every key) redacted, at any depth, made
   * iteratively; shared and cyclic objects stay shared and cyclic. Errors found inside
   * are redacted in place (see `error`).
   */
  value<T>(v: T): T {
    if (typeof v === 'string') return this.text(v) as T;
    if (v === null || typeof v !== 'object') return v;
    if (v instanceof Error) return this.error(v) as T;
    const copies = new Map<object, Record<string, unknown> | unknown[]>();
    const work: Array<[object, Record<string, unknown> | unknown[]]> = [];
    const copyOf = (x: unknown): unknown => {
      if (typeof x === 'string') return this.text(x);
      if (x === null || typeof x !== 'object') return x;
      if (x instanceof Error) return this.error(x);
      let c = copies.get(x);
      if (c === undefined) {
        c = Array.isArray(x) ? new Array(x.length) : {};
        copies.set(x, c);
        work.push([x, c]);
      }
      return c;
    };
    const root = copyOf(v);
    while (work.length > 0) {
      const [src, dst] = work.pop()!;
      if (Array.isArray(src)) {
        for (let i = 0; i < src.length; i++) (dst as unknown[])[i] = copyOf(src[i]);
        continue;
      }
      for (const k of Object.keys(src)) {
        const key = this.text(k);
        const value = copyOf((src as Record<string, unknown>)[k]);
        if (key === '__proto__') Object.defineProperty(dst, key, { value, enumerable: true, writable: true, configurable: true });
        else (dst as Record<string, unknown>)[Object.prototype.hasOwnProperty.call(dst, key) ? uniqueKey(dst as Record<string, unknown>, key) : key] = value;
      }
    }
    return root as T;
  }

  /**
   * Redacts an error in place and returns it: message, stack, every own property and the
   * whole `cause` chain (cycles included). Only what changes is written, so an error
   * without secrets is left exactly as it was.
   */
  error<E>(e: E): E {
    if (typeof e === 'string') return this.text(e) as E;
    if (e === null || typeof e !== 'object') return e;
    const seen = new Set<object>();
    const todo: object[] = [e];
    while (todo.length > 0) {
      const err = todo.pop()!;
      if (seen.has(err)) continue;
      seen.add(err);
      // The stack first: V8 builds it from the message it had.
      for (const key of ['stack', 'message', ...Object.keys(err)]) {
        const desc = Object.getOwnPropertyDescriptor(err, key);
        if (!desc || !('value' in desc || (desc.get && desc.set))) continue;
        const v = ('value' in desc ? desc.value : (err as Record<string, unknown>)[key]) as unknown;
        if (v !== null && typeof v === 'object' && v instanceof Error) {
          todo.push(v);
          continue;
        }
        const clean = this.value(v);
        if (clean !== v && (typeof v !== 'object' || this.differs(v, clean))) write(err, key, clean);
      }
      const cause = Object.getOwnPropertyDescriptor(err, 'cause');
      if (cause && 'value' in cause) {
        const c = cause.value as unknown;
        if (c !== null && typeof c === 'object') todo.push(c);
        else if (typeof c === 'string' && this.text(c) !== c) write(err, 'cause', this.text(c));
      }
    }
    return e;
  }

  /** Whether a redacted copy says anything other than the original (so the original can stay). */
  private differs(a: unknown, b: unknown): boolean {
    const work: Array<[unknown, unknown]> = [[a, b]];
    const seen = new Set<unknown>();
    while (work.length > 0) {
      const [x, y] = work.pop()!;
      if (x === y) continue;
      if (typeof x === 'string' || x === null || typeof x !== 'object' || y === null || typeof y !== 'object') return true;
      if (seen.has(x)) continue;
      seen.add(x);
      const kx = Object.keys(x);
      const ky = Object.keys(y);
      if (kx.length !== ky.length) return true;
      for (let i = 0; i < kx.length; i++) {
        if (kx[i] !== ky[i]) return true;
        work.push([(x as Record<string, unknown>)[kx[i]], (y as Record<string, unknown>)[ky[i]]]);
      }
    }
    return false;
  }
}

function uniqueKey(o: Record<string, unknown>, key: string): string {
  let n = 2;
  while (Object.prototype.hasOwnProperty.call(o, `${key}#${n}`)) n++;
  return `${key}#${n}`;
}

function write(o: object, key: string, value: unknown): void {
  try {
    const desc = Object.getOwnPropertyDescriptor(o, key);
    if (desc?.set) (o as Record<string, unknown>)[key] = value;
    else Object.defineProperty(o, key, { value });
  } catch {
    // A frozen foreign object: nothing to do but leave it (our own errors are never frozen).
  }
}
