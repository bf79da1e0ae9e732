/**
 * Both commands, `anyresponses` and `anyresponses-codegen`, as a table: each
 * command with --help, bad files (missing, a directory, empty, binary, not
 * JSON, the wrong shape), unknown options and pins; each row the exit code
 * (0 ok, 1 the check found something, 2 usage or input) and the first line
 * printed. The rows run the built commands' main() with captured output;
 * the last tests spawn the executables, for the process's own exit code.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasShared, repoRoot, specsDir } from '../support/shared.js';

const dir = mkdtempSync(join(tmpdir(), 'cli-table-'));
const f = (name: string, content: string | Buffer) => (writeFileSync(join(dir, name), content), join(dir, name));
const files = {
  dir: (mkdirSync(join(dir, 'a-dir')), join(dir, 'a-dir')),
  missing: join(dir, 'missing.json'),
  empty: f('empty.json', ''),
  emptyChunks: f('empty.chunks.txt', ''),
  binary: f('binary.json', Buffer.from([0, 1, 2, 0xff, 0xfe])),
  binaryChunks: f('binary.chunks.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0])),
  garbage: f('garbage.json', 'not json {'),
  garbageChunks: f('garbage.chunks.txt', 'not json {\n'),
  bodyAsStream: f('body.chunks.txt', JSON.stringify({ id: 'resp_1', object: 'response', status: 'completed', output: [] }, null, 2)),
  streamAsBody: f('stream.json', '{"type":"response.created","sequence_number":0}\n{"type":"response.completed","sequence_number":1}\n'),
  emptyObject: f('empty-object.json', '{}'),
  body: f('ok.json', JSON.stringify({ id: 'resp_1', object: 'response', created_at: 1, status: 'completed', output: [] })),
  notOpenAPI: f('not-openapi.json', '{"hello": "world"}'),
};

type IO = { stdout: (s: string) => void; stderr: (s: string) => void };
type Main = (argv: string[], io: IO) => Promise<number>;
const runtimeMain = async () => ((await import(join(repoRoot, 'dist/runtime/cli/main.js'))) as { main: Main }).main;
const codegenMain = async () => ((await import(join(repoRoot, 'generator/dist/cli/main.js'))) as { main: Main }).main;

async function run(which: 'anyresponses' | 'anyresponses-codegen', argv: string[]): Promise<{ code: number; first: string; out: string; err: string }> {
  const main = which === 'anyresponses' ? await runtimeMain() : await codegenMain();
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => void (out += s.endsWith('\n') ? s : `${s}\n`), stderr: (s) => void (err += s.endsWith('\n') ? s : `${s}\n`) });
  return { code, first: (out || err).split('\n')[0], out, err };
}

type Row = [string, { given: ['anyresponses' | 'anyresponses-codegen', string[]]; want: { code: 0 | 1 | 2; first: RegExp; shared?: boolean } }];
const A = 'anyresponses' as const;
const C = 'anyresponses-codegen' as const;
const V = ['validate', '--spec', 'openai'];

const rows: Row[] = [
  // anyresponses: help and version
  ['anyresponses --help', { given: [A, ['--help']], want: { code: 0, first: /^usage: anyresponses <command>/ } }],
  ['anyresponses --version', { given: [A, ['--version']], want: { code: 0, first: /^anyresponses \d+\.\d+\.\d+$/ } }],
  ['anyresponses with no command', { given: [A, []], want: { code: 2, first: /^anyresponses: no command given$/ } }],
  ['an unknown command', { given: [A, ['frobnicate']], want: { code: 2, first: /^anyresponses: unknown command 'frobnicate'; commands: validate, replay, serve, conform/ } }],
  ['an unknown top-level option', { given: [A, ['--frob']], want: { code: 2, first: /^anyresponses: unknown option '--frob'/ } }],
  ['a codegen command asked of anyresponses', { given: [A, ['diff']], want: { code: 2, first: /^anyresponses diff: this command moved to the code generator/ } }],
  ...(['validate', 'replay', 'serve', 'conform'] as const).flatMap((cmd): Row[] => [
    [`${cmd} --help`, { given: [A, [cmd, '--help']], want: { code: 0, first: new RegExp(`^usage: anyresponses ${cmd} `) } }],
    [`${cmd} -h`, { given: [A, [cmd, '-h']], want: { code: 0, first: new RegExp(`^usage: anyresponses ${cmd} `) } }],
    [`help ${cmd}`, { given: [A, ['help', cmd]], want: { code: 0, first: new RegExp(`^usage: anyresponses ${cmd} `) } }],
    [`${cmd} with an unknown option`, { given: [A, [cmd, '--frob']], want: { code: 2, first: new RegExp(`^anyresponses ${cmd}: unknown option '--frob' \\(see anyresponses ${cmd} --help\\)$`) } }],
  ]),
  // validate: bad files, each reported, the batch goes on
  ['validate: a missing file', { given: [A, [...V, files.missing]], want: { code: 2, first: /^FAIL .*missing\.json \(cannot read: .*missing\.json: no such file\)$/ } }],
  ['validate: a directory', { given: [A, [...V, files.dir]], want: { code: 2, first: /^FAIL .*a-dir \(cannot read: .*a-dir: is a directory, not a file\)$/ } }],
  ['validate: an empty body', { given: [A, [...V, files.empty]], want: { code: 1, first: /^FAIL .*empty\.json \(body, 1 error/ } }],
  ['validate: an empty stream', { given: [A, [...V, files.emptyChunks]], want: { code: 1, first: /^FAIL .*empty\.chunks\.txt \(stream, 1 error/ } }],
  ['validate: a binary body', { given: [A, [...V, files.binary]], want: { code: 1, first: /^FAIL .*binary\.json \(body/ } }],
  ['validate: a binary stream', { given: [A, [...V, files.binaryChunks]], want: { code: 1, first: /^FAIL .*binary\.chunks\.txt \(stream/ } }],
  ['validate: a body that is not JSON', { given: [A, [...V, files.garbage]], want: { code: 1, first: /^FAIL .*garbage\.json \(body/ } }],
  ['validate: a stream line that is not JSON', { given: [A, [...V, files.garbageChunks]], want: { code: 1, first: /^FAIL .*garbage\.chunks\.txt \(stream/ } }],
  ['validate: a JSON body given as a stream', { given: [A, [...V, files.bodyAsStream]], want: { code: 1, first: /^FAIL .*body\.chunks\.txt \(stream/ } }],
  ['validate: a stream given as a body', { given: [A, [...V, files.streamAsBody]], want: { code: 1, first: /^FAIL .*stream\.json \(body/ } }],
  ['validate: a bad file does not stop the batch', { given: [A, [...V, files.garbageChunks, files.body]], want: { code: 1, first: /^FAIL .*garbage\.chunks\.txt/ } }],
  ['validate: a missing file among valid ones', { given: [A, [...V, files.body, files.missing]], want: { code: 2, first: /^ok   .*ok\.json/ } }],
  ['validate: {} as a response, tolerant mode (TOLERANT_MINIMUM: id and output)', { given: [A, [...V, files.emptyObject]], want: { code: 1, first: /^FAIL .*empty-object\.json \(body, 2 error\(s\)/ } }],
  ['validate: a valid body', { given: [A, [...V, files.body]], want: { code: 0, first: /^ok   .*ok\.json \(body, 0 error/ } }],
  ['validate: no --spec', { given: [A, ['validate', files.body]], want: { code: 2, first: /^anyresponses validate: --spec must be 'openai' or 'openresponses'$/ } }],
  ['validate: an unknown schema', { given: [A, [...V, '--schema', 'Nope', files.body]], want: { code: 2, first: /^anyresponses validate: unknown openai schema 'Nope'$/ } }],
  ['validate: --spec without a value', { given: [A, ['validate', '--spec']], want: { code: 2, first: /^anyresponses validate: option '--spec' needs a value/ } }],
  ['validate: no files', { given: [A, V], want: { code: 2, first: /^anyresponses validate: no files given$/ } }],
  // replay
  ['replay: a missing file', { given: [A, ['replay', files.missing]], want: { code: 2, first: /^anyresponses replay: .*missing\.json: no such file$/ } }],
  ['replay: a directory', { given: [A, ['replay', files.dir]], want: { code: 2, first: /^anyresponses replay: .*a-dir: is a directory, not a file$/ } }],
  ['replay: an empty file', { given: [A, ['replay', files.emptyChunks]], want: { code: 2, first: /^anyresponses replay: .*: expected a recorded stream .*found an empty file$/ } }],
  ['replay: a binary file', { given: [A, ['replay', files.binaryChunks]], want: { code: 2, first: /found a binary file, not text$/ } }],
  ['replay: a JSON body', { given: [A, ['replay', files.bodyAsStream]], want: { code: 2, first: /found one JSON body \(a \.json file\), not a stream of events$/ } }],
  ['replay: an unknown spec', { given: [A, ['replay', files.garbageChunks, '--spec', 'gemini']], want: { code: 2, first: /^anyresponses replay: --spec must be 'openai' or 'openresponses', not 'gemini'$/ } }],
  // serve and conform: usage
  ['serve: an unknown flavor', { given: [A, ['serve', '--flavor', 'gemini']], want: { code: 2, first: /^anyresponses serve: --flavor must be/ } }],
  ['serve: a script that is a directory', { given: [A, ['serve', '--script', files.dir]], want: { code: 2, first: /^anyresponses serve: cannot read the script/ } }],
  ['serve: a script that is empty', { given: [A, ['serve', '--script', files.empty]], want: { code: 2, first: /^anyresponses serve: the script .* is not JSON/ } }],
  ['serve: a stray argument', { given: [A, ['serve', 'extra']], want: { code: 2, first: /^anyresponses serve: unexpected argument 'extra'/ } }],
  ['conform: no target', { given: [A, ['conform']], want: { code: 2, first: /^anyresponses conform: --base-url is required/ } }],
  ['conform: an unknown scenario', { given: [A, ['conform', '--mock', '--only', 'nope']], want: { code: 2, first: /^anyresponses conform: unknown scenario 'nope'/ } }],
  // anyresponses-codegen
  ['codegen --help', { given: [C, ['--help']], want: { code: 0, first: /^usage: anyresponses-codegen <command>/ } }],
  ['codegen --version', { given: [C, ['--version']], want: { code: 0, first: /^anyresponses-codegen \d+\.\d+\.\d+$/ } }],
  ['codegen with no command', { given: [C, []], want: { code: 2, first: /^anyresponses-codegen: no command given$/ } }],
  ['codegen: an unknown command', { given: [C, ['frob']], want: { code: 2, first: /^anyresponses-codegen: unknown command 'frob'; known: generate, diff, schemas$/ } }],
  ['codegen: a runtime command', { given: [C, ['validate']], want: { code: 2, first: /^anyresponses-codegen: unknown command 'validate'.*npx anyresponses validate/ } }],
  ...(['generate', 'diff', 'schemas'] as const).flatMap((cmd): Row[] => [
    [`${cmd} --help`, { given: [C, [cmd, '--help']], want: { code: 0, first: new RegExp(`^usage: anyresponses-codegen ${cmd} `) } }],
    [`help ${cmd}`, { given: [C, ['help', cmd]], want: { code: 0, first: new RegExp(`^usage: anyresponses-codegen ${cmd} `) } }],
    [`${cmd} with an unknown option`, { given: [C, [cmd, '--frob']], want: { code: 2, first: new RegExp(`^anyresponses-codegen ${cmd}: unknown option '--frob' \\(see anyresponses-codegen ${cmd} --help\\)$`) } }],
  ]),
  ['diff: a directory', { given: [C, ['diff', files.dir, 'openresponses']], want: { code: 2, first: /^anyresponses-codegen diff: cannot load '.*a-dir': it is a directory, not a file$/ } }],
  ['diff: a file that is not JSON', { given: [C, ['diff', files.garbage, 'openresponses']], want: { code: 2, first: /^anyresponses-codegen diff: cannot load '.*garbage\.json': .*(not valid JSON|expected an OpenAPI document)/ } }],
  ['diff: an empty file', { given: [C, ['diff', files.empty, 'openresponses']], want: { code: 2, first: /^anyresponses-codegen diff: cannot load '.*empty\.json'/ } }],
  ['diff: a binary file', { given: [C, ['diff', files.binary, 'openresponses']], want: { code: 2, first: /^anyresponses-codegen diff: cannot load '.*binary\.json'/ } }],
  ['diff: JSON that is not OpenAPI', { given: [C, ['diff', files.notOpenAPI, 'openresponses']], want: { code: 2, first: /^anyresponses-codegen diff: cannot load '.*not-openapi\.json': .*OpenAPI/ } }],
  ['diff: an unknown pin', { given: [C, ['diff', 'nopin', 'openresponses']], want: { code: 2, first: /^anyresponses-codegen diff: 'nopin' is neither a pinned spec/ } }],
  ['diff: one spec', { given: [C, ['diff', 'openresponses']], want: { code: 2, first: /^anyresponses-codegen diff: expected two specs/ } }],
  ['diff: breaking changes', { given: [C, ['diff', 'openresponses@2.3.0', 'openresponses']], want: { code: 1, first: /./, shared: true } }],
  ['diff: the same spec', { given: [C, ['diff', 'openresponses', 'openresponses', '--spec-dir', specsDir]], want: { code: 0, first: /./, shared: true } }],
  ['generate --dump-ir an unknown pin', { given: [C, ['generate', '--dump-ir', 'nosuchpin']], want: { code: 2, first: /^anyresponses-codegen generate: --dump-ir: unknown pin 'nosuchpin'; pins: openresponses/ } }],
  ['generate: a stray argument', { given: [C, ['generate', 'now']], want: { code: 2, first: /^anyresponses-codegen generate: unexpected argument 'now'/ } }],
  ['schemas update an unknown pin', { given: [C, ['schemas', 'update', 'nosuchspec', '--from', files.body]], want: { code: 2, first: /^anyresponses-codegen schemas: unknown pin 'nosuchspec'; pins: / } }],
  ['schemas update from a directory', { given: [C, ['schemas', 'update', 'openai', '--from', files.dir, '--dry-run']], want: { code: 2, first: /^anyresponses-codegen schemas: / } }],
  ['schemas update from a file that is not OpenAPI', { given: [C, ['schemas', 'update', 'openai', '--from', files.notOpenAPI, '--dry-run']], want: { code: 2, first: /^anyresponses-codegen schemas: / } }],
];

describe('the CLI, as a table', () => {
  it.each(rows)('%s', async (_name, { given, want }) => {
    if (want.shared && !hasShared()) return;
    const r = await run(...given);
    expect({ code: r.code, first: r.first }).toEqual({ code: want.code, first: expect.stringMatching(want.first) });
    expect(r.out + r.err).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/); // never a stack trace
  });

  it('validate --json prints one report on stdout, every file in it, with the exit code', async () => {
    const r = await run(A, [...V, '--json', files.garbageChunks, files.bodyAsStream, files.body]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.exit).toBe(1);
    expect(report.files.map((x: { ok: boolean; shape: string }) => [x.ok, x.shape])).toEqual([
      [false, 'text'],
      [false, 'json-body'],
      [true, 'json-body'],
    ]);
    expect(report.files[1].errors[0].message).toBe('expected a stream (one event JSON per line, or raw SSE), found one JSON body (a .json file), not a stream of events');
  });

  it.each([
    ['anyresponses', 'dist/runtime/cli/bin.js', ['validate', '--frob'], 2, /^anyresponses validate: unknown option '--frob'/],
    ['anyresponses', 'dist/runtime/cli/bin.js', ['validate', '--spec', 'openai', files.garbage], 1, /^$/],
    ['anyresponses-codegen', 'generator/dist/cli/bin.js', ['diff', files.dir, 'openresponses'], 2, /^anyresponses-codegen diff: cannot load/],
  ] as const)('the %s executable exits with the code main returns (%j)', (_n, bin, argv, code, stderr) => {
    const r = spawnSync(process.execPath, [join(repoRoot, bin), ...argv], { encoding: 'utf8' });
    expect(r.status).toBe(code);
    expect(r.stderr.split('\n')[0]).toMatch(stderr);
  });
});
