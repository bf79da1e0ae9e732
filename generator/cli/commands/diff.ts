/**
 * `anyresponses-codegen diff OLD NEW [--json | --markdown] [--include responses|all] [--root DIR]`
 *
 * OLD and NEW are pin names from schemas/sources.json (`openresponses@2.3.0`)
 * or paths to OpenAPI files. Exit 0 when nothing is breaking, 1 when
 * something is (so CI can gate), 2 on bad usage.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultContext } from '../../context.js';
import { diffIR, formatJSON, formatMarkdown, formatText, isBreaking } from '../../diff/index.js';
import type { IR } from '../../ir/types.js';
import { readSources } from '../../load/sources.js';
import { buildIR, buildIRFromFile } from '../../pipeline.js';
import { UsageError, type CliIO } from '../io.js';

async function resolveSide(ref: string, include: 'all' | 'responses' | undefined, spec: string | undefined, root: string | undefined): Promise<IR> {
  const ctx = defaultContext(root === undefined ? {} : { root: resolve(root) });
  // Two files need no anyresponses package; a pin name does.
  const pins = existsSync(ctx.sourcesFile) ? readSources(ctx.sourcesFile) : [];
  const pin = pins.find((p) => p.name === ref);
  if (pin) return buildIR(ref, { include, ctx });
  if (existsSync(ref)) return buildIRFromFile(ref, { include: include ?? 'all', spec });
  if (!existsSync(ctx.sourcesFile)) throw new UsageError(`'${ref}' is not a file, and there are no pins to find it in: ${ctx.sourcesFile} does not exist (pass --root DIR)`);
  throw new UsageError(`'${ref}' is neither a pinned spec (${pins.map((p) => p.name).join(', ')}) nor a file`);
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { json: { type: 'boolean', default: false }, markdown: { type: 'boolean', default: false }, include: { type: 'string' }, spec: { type: 'string' }, root: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 2) throw new UsageError('expected two specs: anyresponses-codegen diff OLD NEW');
  if (values.json && values.markdown) throw new UsageError('choose one of --json and --markdown');
  if (values.include !== undefined && values.include !== 'all' && values.include !== 'responses') throw new UsageError(`--include must be 'responses' or 'all'`);
  const include = values.include as 'all' | 'responses' | undefined;
  const [a, b] = await Promise.all(positionals.map((p) => resolveSide(p, include, values.spec, values.root)));
  const report = diffIR(a, b);
  io.stdout(values.json ? formatJSON(report) : values.markdown ? formatMarkdown(report) : formatText(report));
  return isBreaking(report) ? 1 : 0;
}
