/**
 * The `anyresponses-codegen` command (package `@anyresponses/codegen`):
 * `generate`, `diff` and `schemas update`. Each subcommand lives in its own
 * module and is imported only when used, so `--help` and small commands start
 * fast. The library's own tools (`validate`, `replay`, `serve`) are the
 * `anyresponses` command of the runtime package.
 * Exit codes: 0 success, 1 a check failed, 2 bad usage.
 */
import { processIO, UsageError, type CliIO } from './io.js';

type Command = { summary: string; load: () => Promise<{ run(argv: string[], io: CliIO): Promise<number> }> };

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
  return lines.join('\n');
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    const hint = RUNTIME_COMMANDS.includes(name) ? ` (\`${name}\` is a command of the anyresponses package: \`npx anyresponses ${name}\`)` : '';
    io.stderr(`unknown command '${name}'; known: ${Object.keys(COMMANDS).join(', ')}${hint}`);
    return 2;
  }
  try {
    return await (await command.load()).run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`anyresponses-codegen ${name}: ${e.message}`);
      return 2;
    }
    io.stderr(`anyresponses-codegen ${name}: ${(e as Error).message}`);
    return 1;
  }
}
