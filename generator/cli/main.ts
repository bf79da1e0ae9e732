/**
 * The `anyresponses-codegen` command (package `@anyresponses/codegen`):
 * `generate`, `diff` and `schemas update`. Each subcommand lives in its own
 * module and is imported only when used, so `--help` and small commands start
 * fast. The library's own tools (`validate`, `replay`, `serve`) are the
 * `anyresponses` command of the runtime package.
 * Every command has `-h`/`--help` (cli/args.ts); `--version` prints the
 * package's. Exit codes: 0 success, 1 a check found something (stale files,
 * a breaking change), 2 bad usage or input. Every message starts with
 * `anyresponses-codegen`.
 */
import { readFileSync } from 'node:fs';
import { EXIT, type CommandHelp } from './args.js';
import { processIO, UsageError, type CliIO } from './io.js';

type Command = { summary: string; load: () => Promise<{ run(argv: string[], io: CliIO): Promise<number>; HELP: CommandHelp }> };

const COMMANDS: Record<string, Command> = {
  generate: { summary: 'generate types, validators and a client for your own spec (--spec FILE|URL --out DIR, or anyresponses.config.json), or regenerate generated/ from the pinned specs (--check: exit 1 when stale)', load: () => import('./commands/generate.js') },
  diff: { summary: 'what changed between two specs (pins or files), classified; exit 1 when breaking (--json, --markdown)', load: () => import('./commands/diff.js') },
  schemas: { summary: 'schemas update NAME --from PATH|URL: move a pin, show the diff, regenerate (--dry-run)', load: () => import('./commands/schemas.js') },
};

/** Commands of the runtime package's `anyresponses` command. */
const RUNTIME_COMMANDS = ['validate', 'replay', 'serve'];

function help(): string {
  const lines = ['usage: anyresponses-codegen <command> [options]', '', 'commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${c.summary}`);
  lines.push('', 'Every command takes --root DIR: the anyresponses package to work on (default: the one found from the working directory).');
  lines.push('', 'options:', '  -h, --help     this help (anyresponses-codegen <command> --help for a command\'s)', '  -v, --version  the version of @anyresponses/codegen');
  lines.push('', 'exit codes:', '  0  ok', '  1  the check found something (generate --check: stale files; diff: a breaking change)', '  2  bad usage or input (an unknown option or pin, a spec that cannot be loaded)');
  lines.push('', 'example:', '  npx anyresponses-codegen generate --check');
  return lines.join('\n');
}

/** The version in this package's package.json (dist/cli/ is two levels below it). */
function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) {
    io.stderr(`anyresponses-codegen: no command given\n${help()}`);
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    io.stdout(help());
    return EXIT.ok;
  }
  if (name === 'help') return main([rest[0], '--help'], io);
  if (name === '--version' || name === '-v') {
    io.stdout(`anyresponses-codegen ${version()}`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    const hint = RUNTIME_COMMANDS.includes(name) ? ` (\`${name}\` is a command of the anyresponses package: \`npx anyresponses ${name}\`)` : '';
    io.stderr(`anyresponses-codegen: ${name.startsWith('-') ? `unknown option '${name}'` : `unknown command '${name}'`}; known: ${Object.keys(COMMANDS).join(', ')}${hint}`);
    return EXIT.usage;
  }
  try {
    return await (await command.load()).run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`anyresponses-codegen ${name}: ${e.message}`);
      return EXIT.usage;
    }
    io.stderr(`anyresponses-codegen ${name}: ${(e as Error)?.message ?? String(e)}`);
    return EXIT.found;
  }
}
