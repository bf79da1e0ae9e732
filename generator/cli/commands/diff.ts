/**
 * `anyresponses-codegen diff OLD NEW [--json | --markdown] [--include responses|all] [--root DIR]`
 *
 * OLD and NEW are pin names from schemas/sources.json (`openresponses@2.3.0`)
 * or paths to OpenAPI files (relative to the working directory). Exit 0 when
 * nothing is breaking, 1 when something is (so CI can gate), 2 on bad usage
 * or a side that cannot be loaded (a directory, not JSON, not OpenAPI, a pin
 * with no verified copy): a gate must never read "could not load" as
 * "breaking".
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultContext } from '../../context.js';
import { diffIR, formatJSON, formatMarkdown, formatText, isBreaking } from '../../diff/index.js';
import type { IR } from '../../ir/types.js';
import { readSources } from '../../load/sources.js';
import { buildIR, buildIRFromFile } from '../../pipeline.js';
import { EXIT, parseCommand, renderHelp, type CommandHelp } from '../args.js';
import { UsageError, type CliIO } from '../io.js';

async function resolveSide(ref: string, include: 'all' | 'responses' | undefined, spec: string | undefined, root: string | undefined, specDir: string | undefined): Promise<IR> {
  const ctx = defaultContext({ ...(root === undefined ? {} : { root: resolve(root) }), ...(specDir === undefined ? {} : { specDir }) });
  // Two files need no anyresponses package; a pin name does.
  const pins = existsSync(ctx.sourcesFile) ? readSources(ctx.sourcesFile) : [];
  const pin = pins.find((p) => p.name === ref);
  if (pin) return loading(ref, () => buildIR(ref, { include, ctx }));
  if (existsSync(ref)) return loading(ref, () => buildIRFromFile(resolve(ref), { include: include ?? 'all', spec }));
  if (!existsSync(ctx.sourcesFile)) throw new UsageError(`'${ref}' is not a file, and there are no pins to find it in: ${ctx.sourcesFile} does not exist (pass --root DIR)`);
  throw new UsageError(`'${ref}' is neither a pinned spec (${pins.map((p) => p.name).join(', ')}) nor a file`);
}

/** A side that cannot be loaded is an input error (exit 2), said with what was tried. */
async function loading(ref: string, load: () => IR | Promise<IR>): Promise<IR> {
  try {
    return await load();
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EISDIR' ? 'it is a directory, not a file' : (e as Error).message;
    throw new UsageError(`cannot load '${ref}': ${why}`);
  }
}

export const HELP: CommandHelp = {
  usage: 'anyresponses-codegen diff OLD NEW [--json | --markdown] [--include responses|all] [--spec S] [--spec-dir DIR] [--root DIR]',
  summary:
    'What changed between two specs, each a pin of schemas/sources.json (openresponses@2.3.0) or an OpenAPI file, after\n' +
    'normalizing both; every change classified as breaking for code that reads responses, breaking for code that builds\n' +
    'requests, or non-breaking.',
  options: [
    ['--json', 'the report as JSON'],
    ['--markdown', 'the report as Markdown (for a pull request)'],
    ['--include I', 'responses (the /responses closure) or all; default: the pin\'s, all for files'],
    ['--spec S', 'for files: whose overlays to apply (openai, openresponses)'],
    ['--spec-dir DIR', 'where pinned specs are found first (before $ANYRESPONSES_SPEC_DIR and ../shared/specs)'],
    ['--root DIR', 'the anyresponses package whose pins to use (default: found from the working directory)'],
  ],
  exits: ['nothing is breaking', 'something is breaking', 'bad usage, or a side that cannot be loaded (missing, a directory, not JSON, not OpenAPI, an unknown pin)'],
  example: 'npx anyresponses-codegen diff openresponses@2.3.0 openresponses --markdown',
};

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand('diff', argv, { json: { type: 'boolean', default: false }, markdown: { type: 'boolean', default: false }, include: { type: 'string' }, spec: { type: 'string' }, 'spec-dir': { type: 'string' }, root: { type: 'string' } });
  if (!parsed) {
    io.stdout(renderHelp(HELP));
    return EXIT.ok;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 2) throw new UsageError('expected two specs: anyresponses-codegen diff OLD NEW');
  if (values.json && values.markdown) throw new UsageError('choose one of --json and --markdown');
  if (values.include !== undefined && values.include !== 'all' && values.include !== 'responses') throw new UsageError(`--include must be 'responses' or 'all'`);
  const include = values.include as 'all' | 'responses' | undefined;
  const a = await resolveSide(positionals[0], include, values.spec, values.root, values['spec-dir']);
  const b = await resolveSide(positionals[1], include, values.spec, values.root, values['spec-dir']);
  const report = diffIR(a, b);
  io.stdout(values.json ? formatJSON(report) : values.markdown ? formatMarkdown(report) : formatText(report));
  return isBreaking(report) ? EXIT.found : EXIT.ok;
}
