/**
 * `anyresponses-codegen schemas update NAME --from PATH|URL [--url URL] [--dry-run] [--root DIR]`
 *
 * Checks the new file, prints the diff against the current pin, rewrites the
 * pin (URL, sha256, version), stores the verified copy, regenerates and
 * prints which generated files changed. `--dry-run` only reports.
 */
import { diffIR, formatText } from '../../diff/index.js';
import { readSources } from '../../load/sources.js';
import { updatePin } from '../../update/index.js';
import { EXIT, parseCommand, renderHelp, type CommandHelp } from '../args.js';
import { UsageError, type CliIO } from '../io.js';
import { projectContext } from '../project.js';

export const HELP: CommandHelp = {
  usage: 'anyresponses-codegen schemas update NAME --from PATH|URL [--url URL] [--dry-run] [--spec-dir DIR] [--root DIR]',
  summary:
    'Moves the pin NAME of schemas/sources.json to a new spec: checks the file, prints the diff against the current pin,\n' +
    'rewrites the pin (URL, sha256, version), keeps the verified copy in schemas/upstream/, regenerates and lists what changed.',
  options: [
    ['--from PATH|URL', 'the new spec, a file or a URL (required)'],
    ['--url URL', 'the URL to pin (default: --from when it is a URL)'],
    ['--dry-run', 'report the diff and the new pin; change nothing'],
    ['--spec-dir DIR', 'where the current pinned spec is found first'],
    ['--root DIR', 'the anyresponses package to work on'],
  ],
  exits: ['pinned (or nothing to do, or a dry run)', '(not used)', 'bad usage, an unknown pin, or a new spec that cannot be read, verified or loaded'],
  example: 'npx anyresponses-codegen schemas update openai --from ./openapi.json --dry-run',
};

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand('schemas', argv, { from: { type: 'string' }, url: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, 'spec-dir': { type: 'string' }, root: { type: 'string' } });
  if (!parsed) {
    io.stdout(renderHelp(HELP));
    return EXIT.ok;
  }
  const { values, positionals } = parsed;
  if (positionals[0] !== 'update' || positionals.length !== 2) throw new UsageError('usage: anyresponses-codegen schemas update NAME --from PATH|URL [--url URL] [--dry-run] [--root DIR]');
  if (!values.from) throw new UsageError('--from PATH|URL is required');
  const ctx = projectContext(values.root, { specDir: values['spec-dir'] });
  const pins = readSources(ctx.sourcesFile).map((p) => p.name);
  if (!pins.includes(positionals[1])) throw new UsageError(`unknown pin '${positionals[1]}'; pins: ${pins.join(', ')}`);
  let result;
  try {
    result = await updatePin(ctx, { name: positionals[1], from: values.from, url: values.url, dryRun: values['dry-run']! });
  } catch (e) {
    // The new spec could not be read, verified or loaded: an input error.
    throw new UsageError((e as Error).message);
  }
  if (result.unchanged) {
    io.stdout(`${result.pin.name}: ${values.from} is the pinned spec already (sha256 ${result.pin.sha256}); nothing to do`);
    return 0;
  }
  io.stdout(formatText(diffIR(result.oldIR, result.newIR)));
  if (values['dry-run']) {
    io.stdout(`dry run: ${result.pin.name} would be pinned to ${result.pin.url} (version ${result.pin.version}, sha256 ${result.pin.sha256})`);
    return 0;
  }
  io.stdout(`pinned ${result.pin.name} to ${result.pin.url} (version ${result.pin.version}, sha256 ${result.pin.sha256})`);
  io.stdout(result.changed.length === 0 ? 'no generated file changed' : `generated files changed (${result.changed.length}):`);
  for (const s of result.changed) io.stdout(`  ${s.reason === 'extra' ? 'removed' : s.reason === 'missing' ? 'added  ' : 'updated'} generated/${s.path}`);
  return 0;
}
