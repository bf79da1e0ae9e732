/**
 * `anyresponses-codegen generate [--check [--full]] [--include responses|all]
 *   [--spec-dir DIR] [--out DIR] [--root DIR] [--no-download] [--dump-ir [PIN]]`
 */
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runGenerate } from '../../generate.js';
import { UsageError, type CliIO } from '../io.js';
import { projectContext } from '../project.js';

export const usage = 'anyresponses-codegen generate [--check [--full]] [--include responses|all] [--spec-dir DIR] [--out DIR] [--root DIR] [--emit types,validators,index,providers] [--no-download] [--dump-ir [PIN]]';

export async function run(argv: string[], io: CliIO): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
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
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
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
    const ir = await buildIR(values['dump-ir'] || 'openresponses', { include: values.include as 'all' | undefined, ctx });
    io.stdout(JSON.stringify(ir, null, 2));
    return 0;
  }

  const started = performance.now();
  const result = await runGenerate(ctx, { check: values.check, full: values.full });
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
