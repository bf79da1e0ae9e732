/**
 * `anyresponses validate --spec openai|openresponses [--schema NAME] [--stream] [--strict] [--json] FILE...`
 *
 * Files: `.json` (a body; an error body `{"error": ...}` is checked against
 * the error shape), `.chunks.txt` (one event JSON per line) and `.sse` (raw
 * server-sent events). Streams go through the named stream rules
 * (STREAM_RULES): the event rules for every stream, and for `.sse` captures
 * the framing rules too (JSON data, `event:` equal to the type, the `[DONE]`
 * terminator as the spec practises it, no `id:`). Each finding names its rule.
 * Exit 0 when every file is valid (tolerant warnings are printed), 1
 * otherwise, 2 for bad usage.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Issue, StreamChecker, StreamCheckOptions, StreamIssue, StreamResult, ValidateOptions, ValidationResult } from '../../validation/index.js';
import { SSEDecoder } from '../../sse/decoder.js';
import { UsageError, type CliIO } from '../io.js';

const DEFAULT_BODY: Record<string, string> = { openai: 'Response', openresponses: 'ResponseResource' };

/** What a generated spec module (`anyresponses/<spec>`) exports for validation. */
interface SpecModule {
  schemaNames: readonly string[];
  validate(name: string, value: unknown, options?: ValidateOptions): ValidationResult;
  validateError(value: unknown, options?: ValidateOptions): ValidationResult;
  validateStream(events: Iterable<unknown>, options?: StreamCheckOptions): StreamResult;
  createStreamChecker(options?: StreamCheckOptions): StreamChecker;
}

interface FileReport {
  file: string;
  kind: 'body' | 'error-body' | 'stream';
  ok: boolean;
  errors: Array<Issue | StreamIssue>;
  warnings: Array<Issue | StreamIssue>;
}

/** A raw capture through the decoder and the framing rules, then the event rules. */
function checkSSE(spec: SpecModule, text: string, mode: 'strict' | 'tolerant'): StreamResult {
  const checker = spec.createStreamChecker({ mode });
  const d = new SSEDecoder();
  for (const m of [...d.push(text), ...d.end()]) checker.pushMessage(m);
  return checker.end();
}

function readEvents(file: string, text: string): unknown[] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l, i) => {
      try {
        return JSON.parse(l);
      } catch (e) {
        throw new Error(`${file}:${i + 1}: not valid JSON (${(e as Error).message})`);
      }
    });
}

function check(spec: SpecModule, flavor: string, file: string, opts: { schema?: string; stream: boolean; strict: boolean }): FileReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  const mode = opts.strict ? 'strict' : 'tolerant';
  if (opts.stream || file.endsWith('.chunks.txt') || file.endsWith('.sse')) {
    const r = file.endsWith('.sse') ? checkSSE(spec, text, mode) : spec.validateStream(readEvents(file, text), { mode });
    return { file, kind: 'stream', ok: r.ok, errors: r.errors, warnings: r.warnings };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    return { file, kind: 'body', ok: false, errors: [{ pointer: '', keyword: 'json', message: `not valid JSON (${(e as Error).message})` }], warnings: [] };
  }
  const isError = !opts.schema && typeof body === 'object' && body !== null && 'error' in body && !('output' in body);
  const r = isError ? spec.validateError(body, { mode }) : spec.validate(opts.schema ?? DEFAULT_BODY[flavor], body, { mode });
  return { file, kind: isError ? 'error-body' : 'body', ok: r.ok, errors: r.ok ? [] : r.errors, warnings: r.warnings };
}

const where = (i: Issue | StreamIssue) => `${'index' in i ? `event ${i.index} ` : ''}${i.pointer || '/'}${'rule' in i && i.rule ? ` [${i.rule}]` : ''}`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { spec: { type: 'string' }, schema: { type: 'string' }, stream: { type: 'boolean', default: false }, strict: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.spec !== 'openai' && values.spec !== 'openresponses') throw new UsageError(`--spec must be 'openai' or 'openresponses'${values.spec ? `, not '${values.spec}'` : ''}`);
  if (positionals.length === 0) throw new UsageError('no files given');
  // Through the package's own exports: the generated module and its runtime, as users get them.
  const spec = (await import(`anyresponses/${values.spec}`)) as SpecModule;
  if (values.schema && !spec.schemaNames.includes(values.schema)) {
    throw new UsageError(`unknown ${values.spec} schema '${values.schema}'`);
  }
  const mode = values.strict ? 'strict' : 'tolerant';
  const reports = positionals.map((f) => check(spec, values.spec!, f, { schema: values.schema, stream: values.stream, strict: values.strict }));
  if (values.json) io.stdout(JSON.stringify({ spec: values.spec, mode, files: reports }, null, 2));
  else {
    for (const r of reports) {
      io.stdout(`${r.ok ? 'ok  ' : 'FAIL'} ${r.file} (${r.kind}, ${r.errors.length} error(s), ${r.warnings.length} warning(s))`);
      for (const e of r.errors) io.stdout(`     error   ${where(e)}: ${e.message}`);
      for (const w of r.warnings) io.stdout(`     warning ${where(w)}: ${w.message}`);
    }
    const bad = reports.filter((r) => !r.ok).length;
    io.stdout(`${reports.length - bad} of ${reports.length} file(s) valid (${mode} mode)`);
  }
  return reports.every((r) => r.ok) ? 0 : 1;
}
