/**
 * The `anyresponses` command: the tools for using the library (`validate`,
 * `replay`, `serve`, `conform`). Each subcommand lives in its own module and is imported
 * only when used, so `--help` and small commands start fast. Generating code
 * is the separate `@anyresponses/codegen` package (`anyresponses-codegen`);
 * its commands, asked for here, say where they went.
 * Every command has `-h`/`--help` (runtime/cli/args.ts); `--version` prints
 * the package's. Exit codes: 0 success, 1 a check found something, 2 bad
 * usage or input. Every message starts with `anyresponses`.
 */
import { readFileSync } from 'node:fs';
import { EXIT, renderHelp, type CommandHelp } from './args.js';
import { processIO, UsageError, type CliIO } from './io.js';

type Command = { summary: string; load: () => Promise<{ run(argv: string[], io: CliIO): Promise<number>; HELP: CommandHelp }> };

const COMMANDS: Record<string, Command> = {
  validate: { summary: 'check .json / .chunks.txt / .sse files against a spec (--spec, --schema, --stream, --strict, --json)', load: () => import('./commands/validate-files.js') },
  replay: { summary: 'replay FILE: rebuild the final response of a recorded stream (.chunks.txt or .sse) and print it', load: () => import('./commands/replay.js') },
  serve: { summary: 'run the mock Responses server (--port, --host, --flavor openresponses|openai, --spec DIR of your own generated spec, --script FILE, --api-key)', load: () => import('./commands/serve.js') },
  conform: { summary: 'check a Responses server against its spec (--base-url URL or --mock, --flavor, --model, --api-key, --json|--markdown, --only, --allow-deviations)', load: () => import('./commands/conform.js') },
};

/** Commands that moved to `anyresponses-codegen` (the `@anyresponses/codegen` package). */
export const CODEGEN_COMMANDS = ['generate', 'diff', 'schemas'] as const;

function help(): string {
  const lines = ['usage: anyresponses <command> [options]    (anyresponses <command> --help for its options)', '', 'commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${c.summary}`);
  lines.push('', `${CODEGEN_COMMANDS.join(', ')}: see \`npx anyresponses-codegen --help\` (the @anyresponses/codegen package)`);
  lines.push('', 'options:', '  -h, --help     this help', '  -v, --version  the version of anyresponses');
  lines.push('', 'exit codes:', '  0  ok', '  1  the check found something (an invalid file, a failed scenario)', '  2  bad usage or input (an unknown option, a file that cannot be read)');
  lines.push('', 'example:', '  npx anyresponses validate --spec openai response.json');
  return lines.join('\n');
}

/** The version in the package's package.json (dist/runtime/cli/ is three levels below it). */
export function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) {
    io.stderr(`anyresponses: no command given\n${help()}`);
    return EXIT.usage;
  }
  if (name === '--help' || name === '-h') {
    io.stdout(help());
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`anyresponses ${version()}`);
    return EXIT.ok;
  }
  if (name === 'help') {
    if (rest.length === 0) {
      io.stdout(help());
      return EXIT.ok;
    }
    return main([rest[0], '--help'], io);
  }
  if ((CODEGEN_COMMANDS as readonly string[]).includes(name)) {
    io.stderr(
      `anyresponses ${name}: this command moved to the code generator, a separate package: run \`npx anyresponses-codegen ${name}\` ` +
        `(install it with \`npm install --save-dev @anyresponses/codegen\`)`,
    );
    return 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`anyresponses: ${name.startsWith('-') ? `unknown option '${name}'` : `unknown command '${name}'`}; commands: ${Object.keys(COMMANDS).join(', ')} (see anyresponses --help)`);
    return EXIT.usage;
  }
  try {
    return await (await command.load()).run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`anyresponses ${name}: ${e.message}`);
      return EXIT.usage;
    }
    io.stderr(`anyresponses ${name}: ${(e as Error)?.message ?? String(e)}`);
    return EXIT.found;
  }
}
