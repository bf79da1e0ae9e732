/** The Redactor on its own: strings, keys, any depth, cycles, errors and their causes. */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AnyResponsesError } from '../../runtime/core/errors.js';
import { Redactor } from '../../runtime/core/redact.js';
import { headerSecrets, urlSecrets } from '../../runtime/core/secrets.js';

const KEY = 'gsk_LIVEKEY9f8e7d6c5b4a3210';
const r = () => new Redactor([KEY]);

describe('Redactor.text', () => {
  it.each([
    ['the configured key', `key ${KEY} rejected`, 'key [redacted] rejected'],
    ['a bearer token of any shape', 'Authorization: Bearer abc.def-ghi', 'Authorization: Bearer [redacted]'],
    ['a basic credential', 'Basic dXNlcjpwYXNz', 'Basic [redacted]'],
    ['an sk- key not configured', 'sk-proj-ABCDEFGH1234', 'sk-[redacted]'],
    ['a URL with user:pass@', 'cannot reach https://me:hunter2@proxy.local/v1', 'cannot reach https://[redacted]@proxy.local/v1'],
    ['a URL with a token as user', 'http://TOKEN123@h/x', 'http://[redacted]@h/x'],
    ['a key cut short by a truncation', `found string "${'x'.repeat(40)}${KEY.slice(0, 17)}..."`, `found string "${'x'.repeat(40)}[redacted]..."`],
    ['a placeholder key is not searched for', 'this is a test', 'this is a test'],
    ['text without secrets is returned as it is', 'plain words', 'plain words'],
  ])('%s', (_name, given, want) => {
    expect(new Redactor([KEY, 'test']).text(given)).toBe(want);
  });
});

describe('Redactor.value', () => {
  it('redacts keys and values at every depth, iteratively (100,000 levels)', () => {
    let v: Record<string, unknown> = { [KEY]: `leaf ${KEY}` };
    for (let d = 0; d < 100_000; d++) v = { d: v };
    let out = r().value(v) as Record<string, unknown>;
    for (let d = 0; d < 100_000; d++) out = out.d as Record<string, unknown>;
    expect(out).toEqual({ '[redacted]': 'leaf [redacted]' });
  });

  it('keeps cycles and shared objects, leaves the input untouched', () => {
    const shared = { s: KEY };
    const v: Record<string, unknown> = { a: shared, b: shared, list: [KEY, 1, null] };
    v.self = v;
    const out = r().value(v) as Record<string, any>;
    expect(out.self).toBe(out);
    expect(out.a).toBe(out.b);
    expect(out.a).toEqual({ s: '[redacted]' });
    expect(out.list).toEqual(['[redacted]', 1, null]);
    expect(shared.s).toBe(KEY);
  });

  it('two keys that redact alike both stay, and __proto__ stays an own key', () => {
    const v = JSON.parse(`{"${KEY}": 1, "x${KEY}": 2, "__proto__": {"p": "${KEY}"}}`);
    const out = r().value(v) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(['[redacted]', '__proto__', 'x[redacted]'].sort());
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ p: '[redacted]' });
  });
});

describe('Redactor.error', () => {
  it('redacts message, stack, own properties and the whole cause chain, in place', () => {
    const root = new Error(`root ${KEY}`);
    (root as any).cause = { detail: KEY };
    const mid = new TypeError('fetch failed', { cause: root });
    const err = new AnyResponsesError(`outer ${KEY}`, { body: { deep: [{ k: KEY }] }, requestId: `req_${KEY}`, cause: mid });
    (mid as any).cycle = err;
    expect(r().error(err)).toBe(err);
    const everything = [err.message, err.stack, JSON.stringify(err), inspect(err, { depth: Infinity })].join('\n');
    expect(everything).not.toContain(KEY.slice(4, 16));
    expect(err.requestId).toBe('req_[redacted]');
    expect(err.body).toEqual({ deep: [{ k: '[redacted]' }] });
  });

  it('leaves an error without secrets exactly as it was (same property values)', () => {
    const body = { a: 1 };
    const err = new AnyResponsesError('nothing here', { body });
    r().error(err);
    expect(err.body).toBe(body);
  });

  it('takes a frozen foreign object in its stride', () => {
    const cause = Object.freeze({ message: KEY });
    const err = new AnyResponsesError('x', { cause });
    expect(() => r().error(err)).not.toThrow();
  });
});

describe('what counts as a secret', () => {
  it('credential headers by name (auth, key, token, cookie, a provider\'s own) and their scheme tokens', () => {
    expect(headerSecrets({ authorization: 'Bearer abc123456', 'api-key': 'az-123456789', 'x-custom': 'public', cookie: 'sid=1', 'X-Weird': 'w123456789' }, ['x-weird'])).toEqual([
      'Bearer abc123456', 'abc123456', 'az-123456789', 'sid=1', 'w123456789',
    ]);
  });

  it('the user info of a URL, raw and decoded', () => {
    expect(urlSecrets('https://me:p%40ss@h/x')).toEqual(['me', 'p%40ss', 'p@ss', 'me:p%40ss']);
    expect(urlSecrets('https://h/x')).toEqual([]);
  });
});

describe('Redactor.text is linear on hostile text', () => {
  /** CPU time (µs) to redact `n` characters of `unit` repeated; the least of 3 runs. */
  function cost(unit: string, n: number): number {
    const text = unit.repeat(Math.ceil(n / unit.length));
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const t = process.cpuUsage();
      r().text(text);
      const u = process.cpuUsage(t);
      best = Math.min(best, u.user + u.system);
    }
    return Math.max(best, 1);
  }

  it.each([
    ['scheme-like words without an @', 'a.b:'],
    [':// without an @', 'x://'],
    ['secret heads before truncation marks', `${KEY.slice(0, 8)}...`],
    ['bearer words', 'Bearer '],
  ])('%s: 4x the text costs about 4x (quadratic would be 16x)', (_name, unit) => {
    const small = cost(unit, 2_000_000);
    const large = cost(unit, 8_000_000);
    expect(large / small).toBeLessThan(8);
  });
});
