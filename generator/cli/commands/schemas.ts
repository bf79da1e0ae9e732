/**
 * `anyresponses-codegen schemas update NAME --from PATH|URL [--url URL] [--dry-run] [--root DIR]`
 *
 * Checks the new file, prints the diff against the current pin, rewrites the
 * pin (URL, sha256, version), stores the verified copy, regenerates and
 * prints which generated files changed. `--dry-run` only reports.
 */
import { parseArgs } from 'node:util';
import { diffIR, formatText } from '../../diff/index.js';
import { updatePin } from '../../update/index.js';
import { UsageError, type CliIO } from '../io.js';
import { projectContext } from '../project.js';

export async function run(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { from: { type: 'string' }, url: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, 'spec-dir': { type: 'string' }, root: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals[0] !== 'update' || positionals.length !== 2) throw new UsageError('usage: anyresponses-codegen schemas update NAME --from PATH|URL [--url URL] [--dry-run] [--root DIR]');
  if (!values.from) throw new UsageError('--from PATH|URL is required');
  const ctx = projectContext(values.root, { specDir: values['spec-dir'] });
  const result = await updatePin(ctx, { name: positionals[1], from: values.from, url: values.url, dryRun: values['dry-run'] });
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
