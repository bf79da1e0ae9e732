/**
 * `anyresponses serve [--port N] [--host H] [--flavor openresponses|openai|chat]
 * [--spec DIR] [--script FILE] [--api-key K] [--max-body-bytes N]`: runs the
 * mock server until SIGINT or SIGTERM. `--spec DIR` speaks a spec
 * of your own: DIR is where `anyresponses-codegen generate` wrote it. Prints one line with its base
 * URL (`listening on http://127.0.0.1:PORT/v1`), then one line per answer
 * (`POST /v1/responses 200 12ms`).
 * Exit 0 after a signal; 2 for bad usage (an unreadable or invalid script
 * names the file and the pointer of the problem).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GeneratedSpec } from '../../client/spec-client.js';
import { checkScript, startMockServer, type Turn } from '../../testing/server/index.js';
import { EXIT, parseCommand, renderHelp, type CommandHelp } from '../args.js';
import { UsageError, type CliIO } from '../io.js';

function readScript(file: string): Turn[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read the script ${file}: ${(e as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`the script ${file} is not JSON: ${(e as Error).message}`);
  }
  try {
    return checkScript(value, file);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** The generated spec module in `dir` (its index.js), or a usage error saying what is missing. */
async function readSpec(dir: string): Promise<GeneratedSpec> {
  const entry = join(resolve(dir), 'index.js');
  if (!existsSync(entry)) throw new UsageError(`--spec ${dir}: no index.js there; pass the folder anyresponses-codegen generate wrote (its --out)`);
  const m = (await import(pathToFileURL(entry).href)) as Partial<GeneratedSpec>;
  if (!m.SPEC || typeof m.specValidators !== 'function') throw new UsageError(`--spec ${dir}: index.js is not a generated spec module (no SPEC and specValidators); regenerate it with anyresponses-codegen generate`);
  return m as GeneratedSpec;
}

function integer(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, not '${value}'`);
  return n;
}

export const HELP: CommandHelp = {
  usage: 'anyresponses serve [--flavor openresponses|openai|chat] [--spec DIR] [--port N] [--host H] [--script FILE] [--api-key K] [--max-body-bytes N]',
  summary:
    'Runs the mock Responses server until SIGINT or SIGTERM. Prints its base URL, then one line per request with\n' +
    'the status sent and the time taken. Models: echo and scripted (the turns of --script); GET /v1/models lists them.',
  options: [
    ['--flavor F', 'openresponses (default), openai, or chat (POST /v1/chat/completions): the spec it speaks and checks'],
    ['--spec DIR', 'speak a spec of your own: DIR is where anyresponses-codegen generate wrote it'],
    ['--port N', 'the port (default 0: a free one)'],
    ['--host H', 'the address to listen on (default 127.0.0.1)'],
    ['--script FILE', 'a JSON array of turns for the scripted model'],
    ['--api-key K', 'require this key (Authorization: Bearer K)'],
    ['--max-body-bytes N', 'the largest request body (default 32 MiB)'],
  ],
  exits: ['stopped by SIGINT or SIGTERM', '(not used)', 'bad usage, or a script that cannot be read or is invalid (the message names the pointer)'],
  example: 'npx anyresponses serve --flavor openai --port 8080 --script turns.json',
};

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand('serve', argv, { port: { type: 'string' }, host: { type: 'string' }, flavor: { type: 'string' }, spec: { type: 'string' }, script: { type: 'string' }, 'api-key': { type: 'string' }, 'max-body-bytes': { type: 'string' } });
  if (!parsed) {
    io.stdout(renderHelp(HELP));
    return EXIT.ok;
  }
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see anyresponses serve --help)`);
  const spec = values.spec === undefined ? undefined : await readSpec(values.spec);
  const flavor = values.flavor ?? spec?.SPEC.flavor ?? 'openresponses';
  if (flavor !== 'openresponses' && flavor !== 'openai' && flavor !== 'chat') throw new UsageError(`--flavor must be 'openresponses', 'openai' or 'chat', not '${flavor}'`);
  if (spec && spec.SPEC.flavor !== flavor) throw new UsageError(`--flavor ${flavor} is not the flavor of the spec in ${values.spec} (${String(spec.SPEC.flavor)})`);
  const server = await startMockServer({
    spec,
    port: integer('port', values.port, 0, 65535),
    host: values.host,
    flavor,
    script: values.script ? readScript(values.script) : undefined,
    // A script's replay paths are read from its own directory, and may not leave it.
    scriptDir: values.script ? dirname(resolve(values.script)) : undefined,
    apiKey: values['api-key'],
    maxBodyBytes: integer('max-body-bytes', values['max-body-bytes'], 1, 2 ** 31),
    onResponse: (r, status, ms) => io.stdout(`${r.method} ${r.url} ${status} ${ms}ms`),
  });
  io.stdout(`listening on ${server.url} (${spec ? `spec ${spec.SPEC.name}, ` : ''}flavor ${flavor}; models: echo, scripted)`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  return EXIT.ok;
}
