/**
 * `anyresponses-codegen generate`, in one of two modes:
 *
 * - your own spec: `--spec FILE|URL --out DIR [--sha256 H] [--flavor F]
 *   [--name N] [--base-url U] [--auth-env VAR] ...`, or with no `--spec` a
 *   config (`anyresponses.config.json`, a `codegen` key in package.json, or
 *   `--config FILE`): writes types, validators, the spec index and a typed
 *   client into the output folder (targets/);
 * - otherwise, the `anyresponses` package's own `generated/` from its pinned
 *   specs: `[--include responses|all] [--spec-dir DIR] [--out DIR]
 *   [--root DIR] [--no-download] [--dump-ir [PIN]]`.
 *
 * Both take `--check [--full]` (exit 1 and list the stale files, writing
 * nothing), `--emit` and `--quiet`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { defaultContext, findProjectRoot } from '../../context.js';
import { runGenerate } from '../../generate.js';
import { ConfigError, findConfig, readConfigFile, TARGET_EMITTERS, targetFromFlags, targetsOf, type Target } from '../../targets/config.js';
import { EXIT, parseCommand, renderHelp, type CommandHelp } from '../args.js';
import { UsageError, type CliIO } from '../io.js';
import { projectContext } from '../project.js';

export const usage =
  'anyresponses-codegen generate [--spec FILE|URL --out DIR [--sha256 H] [--flavor openresponses|openai] [--name N] [--base-url U] [--base-url-env VAR] [--auth bearer|header|none] [--auth-header H] [--auth-env VAR] [--include all|responses] [--overlays] [--error-schema NAME] [--roots A,B]] [--config FILE] [--check [--full]] [--emit types,validators,index,client] [--quiet]\n' +
  '       anyresponses-codegen generate [--check [--full]] [--include responses|all] [--spec-dir DIR] [--out DIR] [--root DIR] [--emit types,validators,index,client,providers] [--no-download] [--dump-ir [PIN]]';

/** Flags that describe a spec of your own, by the config key they set. */
const SPEC_FLAGS = {
  spec: 'spec', out: 'out', sha256: 'sha256', name: 'name', flavor: 'flavor', include: 'include', 'error-schema': 'errorSchema',
  'base-url': 'baseURL', 'base-url-env': 'baseURLEnv', runtime: 'runtime',
} as const;

export const HELP: CommandHelp = {
  usage,
  summary:
    'With --spec (or a config: anyresponses.config.json, a codegen key in package.json, --config FILE), generates types,\n' +
    'validators, an index and a typed client for a spec of your own into --out. Otherwise it\n' +
    'regenerates generated/ (types, validators, provider modules) from the pinned specs of the anyresponses package found\n' +
    'from the working directory. Each spec is looked for in --spec-dir, $ANYRESPONSES_SPEC_DIR, ../shared/specs (relative\n' +
    'to the working directory) and the verified cache, and downloaded only if none has it; a copy whose sha256 differs is never used.',
  options: [
    ['--check', 'write nothing; exit 1 and list the stale files when generated/ does not match its inputs'],
    ['--full', 'with --check: regenerate in memory even when the stamp matches'],
    ['--include I', 'responses (default: the /responses closure of OpenAI) or all'],
    ['--spec-dir DIR', 'look for the pinned specs here first'],
    ['--out DIR', 'write here instead of generated/'],
    ['--root DIR', 'the anyresponses package to work on'],
    ['--emit LIST', 'run only these emitters: types,validators,index,providers'],
    ['--no-download', 'never download a spec'],
    ['--dump-ir [PIN]', 'print the normalized intermediate form of a pin (default openresponses) as JSON'],
    ['--quiet', 'print nothing on success'],
    ['--spec FILE|URL', 'a spec of your own (a URL needs --sha256 H); with --out DIR, the folder to write'],
    ['--config FILE', 'the config to read instead of anyresponses.config.json or package.json#/codegen'],
    ['--flavor F', 'the Responses flavor your spec follows: openresponses (default) or openai'],
    ['--name N, --roots A,B, --error-schema S', "the spec's name, components kept beside the selection, its error object"],
    ['--base-url U, --base-url-env VAR', "the generated client's default base URL and the variable that overrides it"],
    ['--auth bearer|header|none, --auth-header H, --auth-env VAR', "the generated client's authentication"],
    ['--overlays, --runtime package|relative', "apply the flavor's overlays; how generated code imports the runtime"],
  ],
  exits: ['generated (or, with --check, up to date)', 'with --check: generated/ is stale', 'bad usage, an unknown pin, or a spec that cannot be found or loaded'],
  example: 'npx anyresponses-codegen generate --spec ./openapi.json --out ./src/gen',
};

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand('generate', argv, {
    check: { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
    include: { type: 'string' },
    'spec-dir': { type: 'string' },
    out: { type: 'string' },
    root: { type: 'string' },
    emit: { type: 'string' },
    'no-download': { type: 'boolean', default: false },
    'dump-ir': { type: 'string' },
    quiet: { type: 'boolean', default: false },
    spec: { type: 'string' },
    config: { type: 'string' },
    sha256: { type: 'string' },
    name: { type: 'string' },
    flavor: { type: 'string' },
    'error-schema': { type: 'string' },
    roots: { type: 'string' },
    'base-url': { type: 'string' },
    'base-url-env': { type: 'string' },
    auth: { type: 'string' },
    'auth-header': { type: 'string' },
    'auth-env': { type: 'string' },
    overlays: { type: 'boolean' },
    runtime: { type: 'string' },
  });
  if (!parsed) {
    io.stdout(renderHelp(HELP));
    return EXIT.ok;
  }
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see anyresponses-codegen generate --help)`);
  const emit = values.emit?.split(',').map((s) => s.trim());
  const cwd = process.cwd();
  const targets = ownTargets(values, cwd);
  if (targets) return runOwn(targets, values, emit, cwd, io);
  const include = values.include ?? 'responses';
  if (include !== 'responses' && include !== 'all') throw new UsageError(`--include must be 'responses' or 'all', not '${include}'`);
  const known = ['types', 'validators', 'index', 'client', 'providers'];
  const unknown = emit?.filter((e) => !known.includes(e)) ?? [];
  if (unknown.length) throw new UsageError(`--emit: unknown emitter(s) ${unknown.join(', ')}; known: ${known.join(', ')}`);
  const ctx = projectContext(values.root, {
    ...(emit ? { emit } : {}),
    include,
    specDir: values['spec-dir'],
    allowDownload: !values['no-download'],
    ...(values.out ? { outDir: resolve(values.out) } : {}),
  });

  if (values['dump-ir'] !== undefined) {
    const { buildIR } = await import('../../pipeline.js');
    const { readSources } = await import('../../load/sources.js');
    const name = values['dump-ir'] || 'openresponses';
    const pins = readSources(ctx.sourcesFile).map((p) => p.name);
    if (!pins.includes(name)) throw new UsageError(`--dump-ir: unknown pin '${name}'; pins: ${pins.join(', ')}`);
    const ir = await buildIR(name, { include: values.include as 'all' | undefined, ctx });
    io.stdout(JSON.stringify(ir, null, 2));
    return 0;
  }

  const started = performance.now();
  let result;
  try {
    result = await runGenerate(ctx, { check: values.check!, full: values.full! });
  } catch (e) {
    // No verified copy of a pinned spec anywhere: an input error (exit 2), said with every place tried.
    if ((e as Error)?.name === 'SpecLocateError') throw new UsageError((e as Error).message);
    throw e;
  }
  const ms = Math.round(performance.now() - started);
  if (values.check) {
    if (result.stale.length === 0) {
      if (!values.quiet) io.stdout(`${shown(ctx.cwd, ctx.outDir)} is up to date (${result.fromStamp ? 'stamp matches' : 'compared in memory'}, ${ms} ms)`);
      return 0;
    }
    io.stderr(`${shown(ctx.cwd, ctx.outDir)} is stale; run \`anyresponses-codegen generate\` (\`npm run generate\` in the repository). ${result.stale.length} file(s):`);
    for (const s of result.stale) io.stderr(`  ${s.reason.padEnd(8)} generated/${s.path}`);
    return 1;
  }
  if (!values.quiet) {
    io.stdout(result.stale.length === 0 ? `generated/ already up to date (${ms} ms)` : `wrote ${result.stale.length} file(s) in ${ms} ms`);
    for (const s of result.stale) io.stdout(`  ${s.reason === 'extra' ? 'removed' : s.reason === 'missing' ? 'added  ' : 'updated'} generated/${s.path}`);
  }
  return 0;
}

type Values = Record<string, string | boolean | undefined>;

/** The specs of your own this run is about: from flags (`--spec`), or a config; undefined for the package's own pins. */
function ownTargets(values: Values, cwd: string): Target[] | undefined {
  try {
    if (values.spec !== undefined) {
      for (const repoOnly of ['spec-dir', 'root', 'dump-ir', 'config'] as const) if (values[repoOnly] !== undefined) throw new UsageError(`--spec and --${repoOnly} do not go together`);
      if (values.out === undefined) throw new UsageError('--spec needs --out DIR: the folder to write the generated files to');
      const config: Record<string, unknown> = {};
      for (const [flag, key] of Object.entries(SPEC_FLAGS)) if (values[flag] !== undefined) config[key] = values[flag];
      if (values.overlays !== undefined) config.overlays = values.overlays;
      if (values.roots !== undefined) config.roots = String(values.roots).split(',').filter((r) => r !== '');
      if (values.auth !== undefined || values['auth-header'] !== undefined || values['auth-env'] !== undefined) {
        config.auth = { ...(values.auth !== undefined ? { style: values.auth } : {}), ...(values['auth-header'] !== undefined ? { header: values['auth-header'] } : {}), ...(values['auth-env'] !== undefined ? { env: values['auth-env'] } : {}) };
      }
      return [targetFromFlags(config, cwd)];
    }
    const own = ['sha256', 'name', 'flavor', 'error-schema', 'roots', 'base-url', 'base-url-env', 'auth', 'auth-header', 'auth-env', 'overlays', 'runtime'].filter((f) => values[f] !== undefined);
    const config = values.config !== undefined ? readConfigFile(values.config as string, cwd) : findConfig(cwd);
    if (!config) {
      if (own.length) throw new UsageError(`--${own[0]} describes a spec of your own: pass --spec FILE|URL (and --out DIR), or put it in ${'anyresponses.config.json'}`);
      return undefined;
    }
    if (own.length || values.out !== undefined || values.include !== undefined) throw new UsageError(`${config.shown} configures the specs: change it there, or pass --spec to generate one from flags (not --${own[0] ?? (values.out !== undefined ? 'out' : 'include')})`);
    if (values['spec-dir'] !== undefined || values['dump-ir'] !== undefined) throw new UsageError(`--${values['spec-dir'] !== undefined ? 'spec-dir' : 'dump-ir'} is for the anyresponses package's own specs; ${config.shown} configures specs of your own`);
    return targetsOf(config);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.file === 'command line' ? e.detail : e.message);
    throw e;
  }
}

async function runOwn(targets: Target[], values: Values, emit: string[] | undefined, cwd: string, io: CliIO): Promise<number> {
  const unknown = emit?.filter((e) => !TARGET_EMITTERS.includes(e)) ?? [];
  if (unknown.length) throw new UsageError(`--emit: unknown emitter(s) ${unknown.join(', ')}; known: ${TARGET_EMITTERS.join(', ')}`);
  const ctx = defaultContext({ cwd, ...(emit ? { emit } : {}) });
  if (!values.check && targets.some((t) => t.runtime === 'package')) checkRuntime(cwd, io);
  const { runTargets } = await import('../../targets/run.js');
  const started = performance.now();
  const results = await runTargets(targets, ctx, { check: values.check === true, full: values.full === true, warn: (m) => io.stderr(`warning: ${m}`) });
  const ms = Math.round(performance.now() - started);
  let code = 0;
  for (const { target, stale, fromStamp } of results) {
    const out = shown(cwd, target.out);
    if (values.check) {
      if (stale.length === 0) {
        if (!values.quiet) io.stdout(`${out} is up to date (${fromStamp ? 'stamp matches' : 'compared in memory'}, ${ms} ms)`);
        continue;
      }
      code = 1;
      io.stderr(`${out} is stale; run \`anyresponses-codegen generate\`. ${stale.length} file(s):`);
      for (const s of stale) io.stderr(`  ${s.reason.padEnd(8)} ${out}${s.path}`);
      continue;
    }
    if (values.quiet) continue;
    io.stdout(stale.length === 0 ? `${out} already up to date (${ms} ms)` : `wrote ${stale.length} file(s) to ${out} in ${ms} ms`);
    for (const s of stale) io.stdout(`  ${s.reason === 'extra' ? 'removed' : s.reason === 'missing' ? 'added  ' : 'updated'} ${out}${s.path}`);
  }
  return code;
}

/** The generated files import `anyresponses` (by its `validation` entry): say so when the project cannot resolve it. */
function checkRuntime(cwd: string, io: CliIO): void {
  const root = findProjectRoot(cwd);
  const pkg = root ? join(root, 'package.json') : undefined;
  if (!pkg || !existsSync(pkg)) {
    io.stderr('warning: the generated files import anyresponses at run time, and it is not installed here: npm install anyresponses');
    return;
  }
  const exportsMap = (JSON.parse(readFileSync(pkg, 'utf8')) as { exports?: Record<string, unknown> }).exports ?? {};
  if (!('./validation' in exportsMap)) io.stderr(`warning: the anyresponses at ${root} has no 'anyresponses/validation' entry, which the generated files import: upgrade it (npm install anyresponses@latest)`);
}

/** The output folder as the user knows it: relative to the working directory (`generated/`, `node_modules/anyresponses/generated/`). */
function shown(cwd: string, outDir: string): string {
  return `${relative(cwd, outDir) || '.'}/`;
}
