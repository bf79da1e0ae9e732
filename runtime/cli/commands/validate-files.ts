/**
 * `anyresponses validate --spec openai|openresponses [--schema NAME] [--stream] [--strict] [--json] FILE...`
 *
 * Files: `.json` (a body; an error body `{"error": ...}` is checked against
 * the error shape), `.chunks.txt` (one event JSON per line) and `.sse` (raw
 * server-sent events). Streams go through the named stream rules
 * (STREAM_RULES): the event rules for every stream, and for `.sse` captures
 * the framing rules too (JSON data, `event:` equal to the type, the `[DONE]`
 * terminator as the spec practises it, no `id:`). Each finding names its rule.
 * Every file is reported, even after one that does not parse. Exit 0 when
 * every file is valid (tolerant warnings are printed), 1 when one is not (or
 * is of the wrong shape), 2 for bad usage or a file that cannot be read.
 */
import type { Issue, StreamChecker, StreamCheckOptions, StreamIssue, StreamResult, ValidateOptions, ValidationResult } from '../../validation/index.js';
import { SSEDecoder } from '../../sse/decoder.js';
import { EXIT, parseCommand, renderHelp, type CommandHelp } from '../args.js';
import { UsageError, type CliIO } from '../io.js';
import { readInput, SHAPE_NAMES, type Shape } from '../shape.js';
import { SPEC_MODULES } from '../spec-modules.js';

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
  /** `unreadable`: missing, a directory, no permission (exit 2 once every file is reported). */
  kind: 'body' | 'error-body' | 'stream' | 'unreadable';
  /** What the file holds, judged before parsing (shape.ts). */
  shape?: Shape;
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

/** The events of a `.chunks.txt`, or the issue of its first line that is not JSON. */
function readEvents(text: string): { events: unknown[] } | { issue: Issue } {
  const events: unknown[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    try {
      events.push(JSON.parse(lines[i]));
    } catch (e) {
      return { issue: { pointer: '', keyword: 'json', message: `line ${i + 1} is not valid JSON (${(e as Error).message.split('\n')[0]})` } };
    }
  }
  return { events };
}

/** A report for a file whose content is not what was expected: its shape, said plainly. */
function wrongShape(file: string, kind: FileReport['kind'], shape: Shape, expected: string): FileReport {
  return { file, kind, ok: false, shape, errors: [{ pointer: '', keyword: 'shape', message: `expected ${expected}, found ${SHAPE_NAMES[shape]}` }], warnings: [] };
}

function check(spec: SpecModule, flavor: string, file: string, opts: { schema?: string; stream: boolean; strict: boolean }): FileReport {
  const read = readInput(file);
  const asStream = opts.stream || file.endsWith('.chunks.txt') || file.endsWith('.sse');
  if (!read.ok) return { file, kind: 'unreadable', ok: false, errors: [{ pointer: '', keyword: 'read', message: read.problem }], warnings: [] };
  const { text, shape } = read;
  const mode = opts.strict ? 'strict' : 'tolerant';
  if (asStream) {
    // A raw capture is read as SSE whatever its name when it looks like one; the rest as JSON lines.
    if (shape === 'sse' || (file.endsWith('.sse') && shape !== 'empty' && shape !== 'binary' && shape !== 'json-body')) {
      const r = checkSSE(spec, text, mode);
      return { file, kind: 'stream', ok: r.ok, shape, errors: r.errors, warnings: r.warnings };
    }
    if (shape === 'empty' || shape === 'binary' || shape === 'json-body') return wrongShape(file, 'stream', shape, 'a stream (one event JSON per line, or raw SSE)');
    const events = readEvents(text);
    if ('issue' in events) return { file, kind: 'stream', ok: false, shape, errors: [events.issue], warnings: [] };
    const r = spec.validateStream(events.events, { mode });
    return { file, kind: 'stream', ok: r.ok, shape, errors: r.errors, warnings: r.warnings };
  }
  if (shape !== 'json-body') {
    if (shape === 'json-lines' || shape === 'sse') return wrongShape(file, 'body', shape, 'one JSON body (pass --stream, or name the file .chunks.txt or .sse, to check a stream)');
    if (shape !== 'text') return wrongShape(file, 'body', shape, 'one JSON body');
    let why = '';
    try {
      JSON.parse(text);
    } catch (e) {
      why = (e as Error).message.split('\n')[0];
    }
    return { file, kind: 'body', ok: false, shape, errors: [{ pointer: '', keyword: 'json', message: `not valid JSON (${why})` }], warnings: [] };
  }
  const body = JSON.parse(text) as unknown;
  const isError = !opts.schema && typeof body === 'object' && body !== null && 'error' in body && !('output' in body);
  const r = isError ? spec.validateError(body, { mode }) : spec.validate(opts.schema ?? DEFAULT_BODY[flavor], body, { mode });
  return { file, kind: isError ? 'error-body' : 'body', ok: r.ok, shape, errors: r.ok ? [] : r.errors, warnings: r.warnings };
}

const where = (i: Issue | StreamIssue) => `${'index' in i ? `event ${i.index} ` : ''}${i.pointer || '/'}${'rule' in i && i.rule ? ` [${i.rule}]` : ''}`;

export const HELP: CommandHelp = {
  usage: 'anyresponses validate --spec openai|openresponses [--schema NAME] [--stream] [--strict] [--json] FILE...',
  summary:
    'Checks .json bodies, .chunks.txt streams (one event JSON per line) and raw .sse captures against a spec.\n' +
    'Bodies are checked against --schema (default Response or ResponseResource; an {"error": ...} body against the error shape);\n' +
    'streams against every stream rule, .sse captures against the framing rules too. Every file is reported, even after a bad one;\n' +
    'a file of the wrong shape (a JSON body given as a stream, an empty or binary file) is reported as what it is.',
  options: [
    ['--spec S', 'openai or openresponses (required)'],
    ['--schema NAME', 'the schema for .json bodies (see the spec\'s schemaNames)'],
    ['--stream', 'read every file as a stream, whatever its name'],
    ['--strict', 'strict mode: every deviation is an error (default tolerant: deviations are warnings, but a root without what TOLERANT_MINIMUM lists, such as a response\'s id, is an error)'],
    ['--json', 'print one JSON report on stdout'],
  ],
  exits: ['every file is valid (tolerant warnings are printed)', 'a file is invalid, of the wrong shape, empty or binary', 'bad usage, or a file that cannot be read (missing, a directory)'],
  example: 'npx anyresponses validate --spec openai response.json capture.sse',
};

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand('validate', argv, { spec: { type: 'string' }, schema: { type: 'string' }, stream: { type: 'boolean', default: false }, strict: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } });
  if (!parsed) {
    io.stdout(renderHelp(HELP));
    return EXIT.ok;
  }
  const { values, positionals } = parsed;
  if (values.spec !== 'openai' && values.spec !== 'openresponses') throw new UsageError(`--spec must be 'openai' or 'openresponses'${values.spec ? `, not '${values.spec}'` : ''}`);
  if (positionals.length === 0) throw new UsageError('no files given');
  // Through the package's own exports: the generated module and its runtime, as users get them.
  const spec = (await SPEC_MODULES[values.spec]()) as SpecModule;
  if (values.schema && !spec.schemaNames.includes(values.schema)) {
    throw new UsageError(`unknown ${values.spec} schema '${values.schema}'`);
  }
  const mode = values.strict ? 'strict' : 'tolerant';
  const reports = positionals.map((f) => check(spec, values.spec!, f, { schema: values.schema, stream: values.stream!, strict: values.strict! }));
  const unreadable = reports.filter((r) => r.kind === 'unreadable');
  const bad = reports.filter((r) => !r.ok).length;
  const exit = unreadable.length > 0 ? EXIT.usage : bad > 0 ? EXIT.found : EXIT.ok;
  if (values.json) io.stdout(JSON.stringify({ spec: values.spec, mode, exit, files: reports }, null, 2));
  else {
    for (const r of reports) {
      if (r.kind === 'unreadable') {
        io.stdout(`FAIL ${r.file} (cannot read: ${r.errors[0].message})`);
        continue;
      }
      io.stdout(`${r.ok ? 'ok  ' : 'FAIL'} ${r.file} (${r.kind}, ${r.errors.length} error(s), ${r.warnings.length} warning(s))`);
      for (const e of r.errors) io.stdout(`     error   ${where(e)}: ${e.message}`);
      for (const w of r.warnings) io.stdout(`     warning ${where(w)}: ${w.message}`);
    }
    io.stdout(`${reports.length - bad} of ${reports.length} file(s) valid (${mode} mode)`);
  }
  for (const r of unreadable) io.stderr(`anyresponses validate: ${r.errors[0].message}`);
  return exit;
}
