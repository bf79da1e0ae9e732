/**
 * The `anyresponses` command: the tools for using the library (`validate`,
 * `replay`, `serve`, `conform`). Each subcommand lives in its own module and is imported
 * only when used, so `--help` and small commands start fast. Generating code
 * is the separate `@anyresponses/codegen` package (`anyresponses-codegen`);
 * its commands, asked for here, say where they went.
 * Exit codes: 0 success, 1 a check failed, 2 bad usage.
 */
import { processIO, UsageError, type CliIO } from './io.js';

type Command = { summary: string; load: () => Promise<{ run(argv: string[], io: CliIO): Promise<number> }> };

const COMMANDS: Record<string, Command> = {
  validate: { summary: 'check .json / .chunks.txt / .sse files against a spec (--spec, --schema, --stream, --strict, --json)', load: () => import('./commands/validate-files.js') },
  replay: { summary: 'replay FILE: rebuild the final response of a recorded stream (.chunks.txt or .sse) and print it', load: () => import('./commands/replay.js') },
  serve: { summary: 'run the mock Responses server (--port, --host, --flavor openresponses|openai, --spec DIR of your own generated spec, --script FILE, --api-key)', load: () => import('./commands/serve.js') },
  conform: { summary: 'check a Responses server against its spec (--base-url URL or --mock, --flavor, --model, --api-key, --json|--markdown, --only, --allow-deviations)', load: () => import('./commands/conform.js') },
};

/** Commands that moved to `anyresponses-codegen` (the `@anyresponses/codegen` package). */
export const CODEGEN_COMMANDS = ['generate', 'diff', 'schemas'] as const;

function help(): string {
  const lines = ['usage: anyresponses <command> [options]', '', 'commands:'];
  for (const [name, c] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(10)} ${c.summary}`);
  lines.push('', `${CODEGEN_COMMANDS.join(', ')}: see \`npx anyresponses-codegen --help\` (the @anyresponses/codegen package)`);
  return lines.join('\n');
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name ? 0 : 2;
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
    io.stderr(`unknown command '${name}'; known: ${Object.keys(COMMANDS).join(', ')}`);
    return 2;
  }
  try {
    return await (await command.load()).run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`anyresponses ${name}: ${e.message}`);
      return 2;
    }
    io.stderr(`anyresponses ${name}: ${(e as Error).message}`);
    return 1;
  }
}
