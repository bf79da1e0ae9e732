/**
 * `anyresponses serve [--port N] [--host H] [--flavor openresponses|openai|chat]
 * [--spec DIR] [--script FILE] [--api-key K] [--max-body-bytes N]`: runs the
 * mock server until SIGINT or SIGTERM. `--spec DIR` speaks a spec
 * of your own: DIR is where `anyresponses-codegen generate` wrote it. Prints one line with its base
 * URL (`listening on http://127.0.0.1:PORT/v1`), then one line per request.
 * Exit 0 after a signal; 2 for bad usage (an unreadable or invalid script
 * names the file and the pointer of the problem).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GeneratedSpec } from '../../client/spec-client.js';
import { parseArgs } from 'node:util';
import { checkScript, startMockServer, type Turn } from '../../testing/server/index.js';
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

export async function run(argv: string[], io: CliIO): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, host: { type: 'string' }, flavor: { type: 'string' }, spec: { type: 'string' }, script: { type: 'string' }, 'api-key': { type: 'string' }, 'max-body-bytes': { type: 'string' } },
      allowPositionals: false,
      strict: true,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
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
    onRequest: (r) => io.stdout(`${r.method} ${r.url}`),
  });
  io.stdout(`listening on ${server.url} (${spec ? `spec ${spec.SPEC.name}, ` : ''}flavor ${flavor}; models: echo, scripted)`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
