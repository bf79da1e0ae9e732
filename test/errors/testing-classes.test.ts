/**
 * `anyresponses/testing` throws the package root's error classes, not
 * copies of them: the root is bundled into one module
 * (scripts/bundle-root.mjs), so a class the testing entry took from the
 * runtime's own files would be a second class of the same name, and a
 * user's `err instanceof InvalidOptionError` (imported from `anyresponses`)
 * would be false. Each class thrown under runtime/testing is thrown here
 * through the testing entry, as built, and checked against the root's
 * export; and the testing sources take every error class they throw from
 * `anyresponses` (or define it, as a subclass of a root class).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as root from 'anyresponses';
import * as testing from 'anyresponses/testing';
import { describe, expect, it } from 'vitest';

const TESTING = join(import.meta.dirname, '../../runtime/testing');
/** Caught where they are thrown, never seen by a user (test/errors/hierarchy.test.ts checks the same list). */
const INTERNAL = new Set(['HttpError', 'ProtocolViolation', 'Skip']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}
const sources = files(TESTING).map((f) => ({ file: relative(TESTING, f), text: readFileSync(f, 'utf8') }));

/** Every class the testing sources throw or construct as an error (internal ones aside). */
const thrown = [...new Set(sources.flatMap((s) => [...s.text.matchAll(/\bthrow new ([A-Za-z_$][\w$]*)|\bnew ([A-Z][\w$]*Error)\(/g)].map((m) => m[1] ?? m[2])))].filter((n) => !INTERNAL.has(n)).sort();

const mock = (o: object) => () => testing.startMockServer(o as never);
const conform = (o: object) => () => testing.conform(o as never);
type Row = [string, { given: () => unknown; want: { error: string; message: RegExp } }];
const rows: Row[] = [
  ['mock server: an unknown flavor', { given: mock({ flavor: 'anthropic' }), want: { error: 'InvalidOptionError', message: /^unknown flavor 'anthropic'/ } }],
  ['mock server: a bound that is not positive', { given: mock({ maxBodyBytes: 0 }), want: { error: 'InvalidOptionError', message: /^maxBodyBytes must be a positive number/ } }],
  ['mock server: a scriptDir that is not a path', { given: mock({ scriptDir: 5 }), want: { error: 'InvalidOptionError', message: /^scriptDir must be a directory path/ } }],
  ['mock server: a spec that is not a generated module', { given: mock({ spec: {} }), want: { error: 'InvalidOptionError', message: /spec must be a generated spec module/ } }],
  ['mock server: a script turn with a bad field', { given: mock({ script: [{ toolCalls: 5 }] }), want: { error: 'InvalidOptionError', message: /\/0\/toolCalls: / } }],
  ['mock server: a replay path leaving the script folder', { given: mock({ script: [{ replay: '../../etc/passwd' }], scriptDir: TESTING }), want: { error: 'InvalidOptionError', message: /\/0\/replay: / } }],
  ['checkScript: a turn of the wrong type', { given: () => testing.checkScript([42 as never]), want: { error: 'InvalidOptionError', message: /\/0: / } }],
  ['conform: no baseUrl', { given: conform({}), want: { error: 'ConformUsageError', message: /^baseUrl is required/ } }],
  ['conform: a baseUrl that is not a URL', { given: conform({ baseUrl: 'nope', model: 'm' }), want: { error: 'ConformUsageError', message: /is not a URL/ } }],
  ['conform: an unknown scenario', { given: conform({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', only: ['nosuch'] }), want: { error: 'ConformUsageError', message: /unknown scenario 'nosuch'/ } }],
  ['conform: a limit that is not a number', { given: conform({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', requestTimeoutMs: -1 }), want: { error: 'ConformUsageError', message: /requestTimeoutMs must be a number/ } }],
  ['matchers: an unknown spec', { given: () => testing.matchers.toMatchSchema({}, 'gemini', 'Response'), want: { error: 'UnknownSpecError', message: /unknown spec 'gemini'/ } }],
  ['installMatchers: an unknown spec', { given: () => testing.installMatchers({ extend() {} }, ['gemini']), want: { error: 'UnknownSpecError', message: /unknown spec 'gemini'/ } }],
  ['matchers: an unknown schema of a loaded spec', { given: async () => (await testing.installMatchers({ extend() {} }, ['openai']), testing.matchers.toMatchSchema({}, 'openai', 'Respons')), want: { error: 'UnknownSchemaError', message: /Respons/ } }],
];

const exported = { ...root, ...testing } as Record<string, unknown>;

describe('anyresponses/testing throws the root classes', () => {
  it('every class thrown under runtime/testing has a row here', () => {
    expect(thrown.length).toBeGreaterThan(0);
    const covered = new Set(rows.map(([, r]) => r.want.error));
    expect(thrown.filter((n) => !covered.has(n))).toEqual([]);
  });

  it.each(rows)('%s', async (_name, { given, want }) => {
    const e = await (async () => given())().then(
      () => undefined,
      (err: unknown) => err,
    );
    const cls = exported[want.error] as new (...a: never[]) => Error;
    expect(e).toBeInstanceOf(cls);
    expect((e as Error).name).toBe(want.error);
    expect((e as Error).message).toMatch(want.message);
    // The root's own class, or a class of the testing entry whose parent is the root's.
    const rootClass = (root as Record<string, unknown>)[want.error] ?? Object.getPrototypeOf(cls);
    expect(Object.values(root)).toContain(rootClass);
    expect(e).toBeInstanceOf(rootClass as new () => Error);
    expect(e).toBeInstanceOf(root.AnyResponsesError);
  });

  it('the testing sources take the error classes they use from anyresponses, never from the runtime files the root bundles', () => {
    const wrong: string[] = [];
    for (const s of sources) {
      for (const m of s.text.matchAll(/^import (?!type )\{([^}]*)\} from '([^']+)';/gm)) {
        const names = m[1].split(',').map((n) => n.trim()).filter((n) => n && !n.startsWith('type ') && /Error$/.test(n));
        const local = m[2].startsWith('./') || /^\.\.\/(server|conform)\//.test(m[2]) || /^\.\.\/[\w-]+\.js$/.test(m[2]);
        if (names.length && m[2] !== 'anyresponses' && !local) wrong.push(`${s.file}: ${names.join(', ')} from '${m[2]}'`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
