/**
 * `anyresponses-codegen generate [--check [--full]] [--include responses|all]
 *   [--spec-dir DIR] [--out DIR] [--root DIR] [--no-download] [--dump-ir [PIN]]`
 */
import { relative, resolve } from 'node:path';
import { runGenerate } from '../../generate.js';
import { EXIT, parseCommand, renderHelp, type CommandHelp } from '../args.js';
import { UsageError, type CliIO } from '../io.js';
import { projectContext } from '../project.js';

export const usage = 'anyresponses-codegen generate [--check [--full]] [--include responses|all] [--spec-dir DIR] [--out DIR] [--root DIR] [--emit types,validators,index,providers] [--no-download] [--dump-ir [PIN]]';

export const HELP: CommandHelp = {
  usage,
  summary:
    'Regenerates generated/ (types, validators, provider modules) from the pinned specs of the anyresponses package found\n' +
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
  ],
  exits: ['generated (or, with --check, up to date)', 'with --check: generated/ is stale', 'bad usage, an unknown pin, or a spec that cannot be found or loaded'],
  example: 'npx anyresponses-codegen generate --spec-dir ../shared/specs',
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
  });
  if (!parsed) {
    io.stdout(renderHelp(HELP));
    return EXIT.ok;
  }
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see anyresponses-codegen generate --help)`);
  const include = values.include ?? 'responses';
  if (include !== 'responses' && include !== 'all') throw new UsageError(`--include must be 'responses' or 'all', not '${include}'`);
  const emit = values.emit?.split(',').map((s) => s.trim());
  const known = ['types', 'validators', 'index', 'providers'];
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

/** The output folder as the user knows it: relative to the working directory (`generated/`, `node_modules/anyresponses/generated/`). */
function shown(cwd: string, outDir: string): string {
  return `${relative(cwd, outDir) || '.'}/`;
}
