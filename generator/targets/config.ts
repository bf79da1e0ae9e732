/**
 * A user's codegen config: what the spec cannot say. It is
 * `anyresponses.config.json`, or the `codegen` key of package.json, in the
 * working directory or the nearest folder above it that has either (a
 * package.json without the key ends the search); or `--config FILE`. Paths
 * in it are relative to its folder. One spec:
 *
 *   { "spec": "./openapi.json", "out": "./src/gen", "flavor": "openresponses",
 *     "name": "acme", "baseURL": "https://api.acme.dev/v1",
 *     "auth": { "style": "bearer", "env": "ACME_API_KEY" } }
 *
 * or several: `{ "specs": [ {...}, {...} ] }`. A spec may be a URL, then
 * pinned by `sha256`. Every key is checked; a problem names its pointer in
 * the file. Defaults are in `TARGET_DEFAULTS`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Include } from '../context.js';
import type { SpecClientDefaults } from '../emit/client-defaults.js';
import type { RuntimeImports } from '../emit/options.js';

export type Flavor = 'openresponses' | 'openai';

/** One spec to generate, resolved: what `generate` does for it. */
export interface Target {
  /** Where it was configured, for messages (`anyresponses.config.json#/specs/0`, `--spec`). */
  origin: string;
  /** The spec: a file (absolute path, and as written) or a URL. */
  source: { kind: 'file'; path: string; shown: string } | { kind: 'url'; url: string };
  /** The pinned sha256 (required for a URL; for a file, checked when given). */
  sha256?: string;
  /** The output folder (absolute) and as written. */
  out: string;
  outShown: string;
  /** The spec's name (SPEC.name, messages); default from its info.title. */
  name?: string;
  flavor: Flavor;
  include: Include;
  /** Apply the flavor's overlays from the anyresponses package (for a copy of the upstream spec). */
  overlays: boolean;
  runtime: RuntimeImports;
  /** The error object's schema (`{"error": {...}}`); default the flavor's, when the spec has it. */
  errorSchema?: string;
  /** Component schemas kept (with their closure) beside what `include` selects: messages no operation references. */
  roots?: string[];
  client: SpecClientDefaults;
  /** The folder paths are relative to; a URL spec's verified copy is cached below it. */
  projectDir: string;
}

/** Every default of a spec target, in one place. */
export const TARGET_DEFAULTS = Object.freeze({
  flavor: 'openresponses' as Flavor,
  include: 'all' as Include,
  overlays: false,
  runtime: 'package' as RuntimeImports,
  /** The error object's schema per flavor, used when the spec has a component of that name. */
  errorSchema: Object.freeze({ openresponses: 'ErrorPayload', openai: 'Error' }) as Readonly<Record<Flavor, string>>,
  /** The config file names looked for, in order. */
  configFile: 'anyresponses.config.json',
  packageKey: 'codegen',
  /** Below the project folder: where a URL spec's verified copy is kept. */
  cacheDir: join('node_modules', '.cache', 'anyresponses-codegen'),
});

/** The emitters a user target runs (no provider modules: those are this repository's). */
export const TARGET_EMITTERS: readonly string[] = Object.freeze(['types', 'validators', 'index', 'client']);

const FLAVORS: readonly Flavor[] = ['openresponses', 'openai'];
const KEYS = ['spec', 'sha256', 'out', 'name', 'flavor', 'include', 'overlays', 'runtime', 'errorSchema', 'roots', 'baseURL', 'baseURLEnv', 'auth'];
const AUTH_KEYS = ['style', 'header', 'env', 'required'];
const SHA256 = /^[0-9a-f]{64}$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const ENV = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A header name (RFC 9110 token). */
const HEADER = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly pointer: string,
    readonly detail: string,
  ) {
    super(`${file}#${pointer}: ${detail}`);
    this.name = 'ConfigError';
  }
}

const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`);
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isURL = (s: string) => /^https?:\/\//i.test(s);

/** The config found from `cwd` (see the module comment), or undefined when there is none. */
export function findConfig(cwd: string): { file: string; value: unknown; shown: string } | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const own = join(dir, TARGET_DEFAULTS.configFile);
    if (existsSync(own)) return { file: own, value: readJSON(own, relative(cwd, own) || own), shown: relative(cwd, own) || own };
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      const value = readJSON(pkg, relative(cwd, pkg) || pkg);
      if (isObject(value) && TARGET_DEFAULTS.packageKey in value) return { file: pkg, value: value[TARGET_DEFAULTS.packageKey], shown: `${relative(cwd, pkg) || 'package.json'}#/${TARGET_DEFAULTS.packageKey}` };
      return undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** `--config FILE`: a config file, or a package.json with a `codegen` key. */
export function readConfigFile(file: string, cwd: string): { file: string; value: unknown; shown: string } {
  const full = resolve(cwd, file);
  if (!existsSync(full)) throw new ConfigError(file, '', 'no such file');
  const value = readJSON(full, file);
  if (basename(full) === 'package.json') {
    if (!isObject(value) || !(TARGET_DEFAULTS.packageKey in value)) throw new ConfigError(file, '', `has no "${TARGET_DEFAULTS.packageKey}" key`);
    return { file: full, value: value[TARGET_DEFAULTS.packageKey], shown: `${file}#/${TARGET_DEFAULTS.packageKey}` };
  }
  return { file: full, value, shown: file };
}

function readJSON(file: string, shown: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(shown, '', `not valid JSON (${(e as Error).message})`);
  }
}

/** The targets a config describes; throws a ConfigError naming the pointer of the first problem. */
export function targetsOf(config: { file: string; value: unknown; shown: string }): Target[] {
  // `shown` may already end in a pointer (package.json#/codegen): pointers below continue it.
  const [file, base = ''] = config.shown.split('#');
  const fail = (pointer: string, message: string): never => {
    throw new ConfigError(file, base + pointer, message);
  };
  const v = config.value;
  if (!isObject(v)) return fail('', `expected an object, found ${kind(v)}`);
  const dir = dirname(config.file);
  if ('specs' in v) {
    if (Object.keys(v).length > 1) fail('', `"specs" stands alone: move ${Object.keys(v).filter((k) => k !== 'specs').map((k) => `"${k}"`).join(', ')} into each spec`);
    if (!Array.isArray(v.specs) || v.specs.length === 0) fail('/specs', `expected a non-empty array of specs, found ${kind(v.specs)}`);
    const targets = (v.specs as unknown[]).map((s, i) => targetOf(s, `/specs/${i}`, dir, `${config.shown}${base ? '' : '#'}/specs/${i}`, fail));
    const outs = new Map<string, number>();
    targets.forEach((t, i) => {
      const before = outs.get(t.out);
      if (before !== undefined) fail(`/specs/${i}/out`, `the same output folder as /specs/${before}: each spec needs a folder of its own`);
      outs.set(t.out, i);
    });
    return targets;
  }
  return [targetOf(v, '', dir, config.shown, fail)];
}

type Fail = (pointer: string, message: string) => never;

function targetOf(v: unknown, at: string, dir: string, origin: string, fail: Fail): Target {
  if (!isObject(v)) return fail(at, `expected a spec object, found ${kind(v)}`);
  for (const k of Object.keys(v)) if (!KEYS.includes(k)) fail(`${at}/${k}`, `unknown key; known: ${KEYS.join(', ')}`);
  const str = (k: string, test?: RegExp, what?: string): string | undefined => {
    const x = v[k];
    if (x === undefined) return undefined;
    if (typeof x !== 'string' || x === '') fail(`${at}/${k}`, `expected a non-empty string, found ${kind(x)}`);
    if (test && !test.test(x as string)) fail(`${at}/${k}`, `expected ${what}, found ${JSON.stringify(x)}`);
    return x as string;
  };
  const spec = str('spec') ?? fail(`${at}/spec`, 'required: the OpenAPI file (JSON or YAML) or its URL');
  const out = str('out') ?? fail(`${at}/out`, 'required: the folder to write the generated files to');
  const sha256 = str('sha256', SHA256, 'a sha256 in hex (64 lower-case characters)');
  if (isURL(spec) && !sha256) fail(`${at}/sha256`, `required for a URL spec: pin what ${spec} serves (sha256sum of the file)`);
  const flavor = v.flavor ?? TARGET_DEFAULTS.flavor;
  if (!FLAVORS.includes(flavor as Flavor)) fail(`${at}/flavor`, `expected one of ${FLAVORS.join(', ')} (the spec the server's API follows), found ${kind(flavor)}`);
  const include = v.include ?? TARGET_DEFAULTS.include;
  if (include !== 'all' && include !== 'responses') fail(`${at}/include`, `expected 'all' or 'responses', found ${kind(include)}`);
  const runtime = v.runtime ?? TARGET_DEFAULTS.runtime;
  if (runtime !== 'package' && runtime !== 'relative') fail(`${at}/runtime`, `expected 'package' or 'relative', found ${kind(runtime)}`);
  if (v.overlays !== undefined && typeof v.overlays !== 'boolean') fail(`${at}/overlays`, `expected true or false, found ${kind(v.overlays)}`);
  const baseURL = str('baseURL');
  if (baseURL !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(baseURL);
    } catch {
      fail(`${at}/baseURL`, `not a URL: ${JSON.stringify(baseURL)}`);
    }
    if (url!.username || url!.password) fail(`${at}/baseURL`, 'a base URL must not carry credentials: the key goes in the auth env var');
  }
  const client: SpecClientDefaults = {
    ...(baseURL !== undefined ? { baseURL } : {}),
    ...(v.baseURLEnv !== undefined ? { baseURLEnv: str('baseURLEnv', ENV, 'an environment variable name') } : {}),
    ...(v.auth !== undefined ? { auth: authOf(v.auth, `${at}/auth`, fail) } : {}),
  };
  const outPath = resolve(dir, out);
  if (outPath === dir || dir.startsWith(outPath + sep)) fail(`${at}/out`, 'must be a folder of its own, not the project folder or one above it');
  const source: Target['source'] = isURL(spec) ? { kind: 'url', url: spec } : { kind: 'file', path: resolve(dir, spec), shown: toPosix(isAbsolute(spec) ? spec : relative(dir, resolve(dir, spec))) };
  return {
    origin,
    source,
    ...(sha256 ? { sha256 } : {}),
    out: outPath,
    outShown: out,
    ...(v.name !== undefined ? { name: str('name', NAME, 'a name of letters, digits, _, . and -') } : {}),
    flavor: flavor as Flavor,
    include: include as Include,
    overlays: (v.overlays as boolean | undefined) ?? TARGET_DEFAULTS.overlays,
    runtime: runtime as RuntimeImports,
    ...(v.errorSchema !== undefined ? { errorSchema: str('errorSchema') } : {}),
    ...(v.roots !== undefined ? { roots: rootsOf(v.roots, `${at}/roots`, fail) } : {}),
    client,
    projectDir: dir,
  };
}

function rootsOf(r: unknown, at: string, fail: Fail): string[] {
  if (!Array.isArray(r)) return fail(at, `expected a list of component schema names, found ${kind(r)}`);
  r.forEach((n, i) => typeof n === 'string' && n !== '' ? undefined : fail(`${at}/${i}`, `expected a component schema name, found ${kind(n)}`));
  return r as string[];
}

function authOf(a: unknown, at: string, fail: Fail): NonNullable<SpecClientDefaults['auth']> {
  if (!isObject(a)) return fail(at, `expected { style, env?, header?, required? }, found ${kind(a)}`);
  for (const k of Object.keys(a)) if (!AUTH_KEYS.includes(k)) fail(`${at}/${k}`, `unknown key; known: ${AUTH_KEYS.join(', ')}`);
  const style = a.style ?? (a.header !== undefined ? 'header' : 'bearer');
  if (style !== 'bearer' && style !== 'header' && style !== 'none') fail(`${at}/style`, `expected 'bearer' (Authorization: Bearer KEY), 'header' (a header of its own) or 'none', found ${kind(style)}`);
  if (style === 'header' && (typeof a.header !== 'string' || !HEADER.test(a.header))) fail(`${at}/header`, `style 'header' needs the header's name, found ${kind(a.header)}`);
  if (style !== 'header' && a.header !== undefined) fail(`${at}/header`, `only style 'header' takes a header name`);
  if (a.env !== undefined && (typeof a.env !== 'string' || !ENV.test(a.env))) fail(`${at}/env`, `expected an environment variable name, found ${kind(a.env)}`);
  if (a.required !== undefined && typeof a.required !== 'boolean') fail(`${at}/required`, `expected true or false, found ${kind(a.required)}`);
  return {
    style: style as 'bearer' | 'header' | 'none',
    ...(style === 'header' ? { header: a.header as string } : {}),
    ...(a.env !== undefined ? { env: a.env as string } : {}),
    ...(a.required !== undefined ? { required: a.required as boolean } : {}),
  };
}

const toPosix = (p: string) => p.split(sep).join('/');

/** The command-line flag of each config key, for messages about flags. */
export const FLAG_OF: Readonly<Record<string, string>> = Object.freeze({
  spec: '--spec', out: '--out', sha256: '--sha256', name: '--name', flavor: '--flavor', include: '--include', overlays: '--overlays',
  runtime: '--runtime', errorSchema: '--error-schema', roots: '--roots', baseURL: '--base-url', baseURLEnv: '--base-url-env',
  auth: '--auth', 'auth/style': '--auth', 'auth/header': '--auth-header', 'auth/env': '--auth-env',
});

/** A target from command-line flags (`generate --spec S --out O ...`), checked like a config; a problem names its flag. */
export function targetFromFlags(config: Record<string, unknown>, cwd: string): Target {
  try {
    return targetsOf({ file: join(resolve(cwd), 'command-line'), value: config, shown: 'command line' })[0];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const flag = FLAG_OF[e.pointer.slice(1)] ?? e.pointer;
    throw new ConfigError('command line', e.pointer, `${flag}: ${e.detail}`);
  }
}
