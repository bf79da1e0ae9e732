/**
 * Real payloads against the generated types: every `.json` success body and
 * every stream event line in ../shared/fixtures/recorded is written out as a
 * `.ts` file with `satisfies <Type>` and type-checked by tsc in one program.
 * OpenAI types for `openai` and `xai`, OpenResponses types for `lmstudio`.
 *
 * Where a real payload does not fit, the misfit is reported as recording +
 * JSON pointer + the compiler's message. The expected misfits are listed,
 * each with its explanation, in test/fixtures/recorded-type-misfits.json:
 * the test fails when a misfit appears that is not explained there, or when
 * an explained one no longer happens.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { toLiteral, type Literal } from '../support/literal.js';
import { flavorOf, hasShared, recordings, repoRoot } from '../support/shared.js';

interface Misfit {
  recording: string;
  pointer: string;
  message?: string;
}

const typesOf = (flavor: 'openai' | 'openresponses') => join(repoRoot, 'generated', flavor, 'types.js');
const bodyType = { openai: 'Response', openresponses: 'ResponseResource' } as const;

function isErrorBody(v: unknown): boolean {
  return typeof v === 'object' && v !== null && 'error' in v && !('object' in v) && !('output' in v);
}

/** One virtual source file per recording. */
function sourceFor(file: string, kind: 'json' | 'chunks', flavor: 'openai' | 'openresponses'): { text: string; pointers: string[]; lineLabels: string[] } {
  const head = [`import type { ${bodyType[flavor]}, ResponseStreamEvent } from ${JSON.stringify(typesOf(flavor))};`];
  const pointers: string[] = [''];
  const labels: string[] = [''];
  const raw = readFileSync(file, 'utf8');
  const values: Array<{ value: unknown; label: string; type: string }> =
    kind === 'json'
      ? [{ value: JSON.parse(raw), label: '', type: bodyType[flavor] }]
      : raw.split('\n').filter((l) => l.trim()).map((l, i) => ({ value: JSON.parse(l), label: `line ${i + 1}`, type: 'ResponseStreamEvent' }));
  values.forEach(({ value, label, type }, i) => {
    if (isErrorBody(value)) return;
    const lit: Literal = toLiteral(value);
    const lines = lit.text.split('\n');
    lines[0] = `export const v${i} = ${lines[0]}`;
    lines[lines.length - 1] += ` satisfies ${type};`;
    head.push(...lines);
    pointers.push(...lit.pointers);
    labels.push(...lit.pointers.map(() => label));
  });
  return { text: head.join('\n') + '\n', pointers, lineLabels: labels };
}

function typeCheck(): { misfits: Misfit[]; checked: number } {
  const recs = recordings();
  const files = new Map<string, ReturnType<typeof sourceFor> & { recording: string }>();
  for (const r of recs) {
    const path = join(repoRoot, '.recorded-check', `${r.provider}__${r.name}.ts`);
    files.set(path, { ...sourceFor(r.file, r.kind, flavorOf(r.provider)), recording: `${r.provider}/${r.name}` });
  }
  const options: ts.CompilerOptions = {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext, skipLibCheck: false, types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (f) => files.get(f)?.text ?? readFile(f);
  host.fileExists = (f) => files.has(f) || fileExists(f);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, ...rest) => {
    const own = files.get(f);
    return own ? ts.createSourceFile(f, own.text, lang, true) : getSourceFile(f, lang, ...rest);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  const misfits: Misfit[] = [];
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const own = d.file && files.get(d.file.fileName);
    if (!own || d.start === undefined) {
      misfits.push({ recording: '(outside a recording)', pointer: '', message: ts.flattenDiagnosticMessageText(d.messageText, '\n') });
      continue;
    }
    const line = d.file!.getLineAndCharacterOfPosition(d.start).line;
    const label = own.lineLabels[line];
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    // "Property 'x' is missing" deep in the chain names the property the payload lacks.
    const missing = /Property '([^']+)' is missing/.exec(text)?.[1];
    misfits.push({
      recording: own.recording + (label ? ` ${label}` : ''),
      pointer: (own.pointers[line] ?? '') + (missing ? `/${missing}` : ''),
      message: text.split('\n').slice(-1)[0],
    });
  }
  return { misfits, checked: files.size };
}

describe('recorded provider payloads type-check against the generated types', () => {
  it('every success body and stream event fits, except the explained misfits', () => {
    if (!hasShared()) return;
    expect(existsSync(join(repoRoot, 'generated/openai/types.d.ts')), 'generated/ is missing: run `npm run generate` first').toBe(true);
    const { misfits, checked } = typeCheck();
    expect(checked).toBe(recordings().length);
    const explained = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/recorded-type-misfits.json'), 'utf8')) as Array<Misfit & { why: string }>;
    // One entry per recording file and pointer shape: a stream repeats a misfit on many lines,
    // and array indexes are folded to `*`. Explanations may use `*` in the recording name.
    const shape = (m: Misfit) => ({ recording: m.recording.replace(/ line \d+$/, ''), pointer: m.pointer.replace(/\/\d+(?=\/|$)/g, '/*') });
    const glob = (pattern: string) => new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*') + '$');
    const explains = (e: Misfit, m: Misfit) => e.pointer === shape(m).pointer && glob(e.recording).test(shape(m).recording);
    const unexplained = [...new Map(misfits.filter((m) => !explained.some((e) => explains(e, m))).map((m) => [JSON.stringify(shape(m)), { ...shape(m), example: m }])).values()];
    expect(unexplained, 'misfits with no explanation in test/fixtures/recorded-type-misfits.json').toEqual([]);
    const stale = explained.filter((e) => !misfits.some((m) => explains(e, m)));
    expect(stale, 'explained misfits that no longer happen').toEqual([]);
  }, 240_000);
});
