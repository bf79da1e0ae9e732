/**
 * Type-checks recorded payloads against the generated types (see
 * test/generator/recorded-types.test.ts), finding misfits in rounds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { ANY, toLiteral, type Literal } from './literal.js';
import { flavorOf, recordings, repoRoot } from './shared.js';

export interface Misfit {
  recording: string;
  pointer: string;
  message?: string;
}

const typesOf = (flavor: 'openai' | 'openresponses') => join(repoRoot, 'generated', flavor, 'types.js');
const bodyType = { openai: 'Response', openresponses: 'ResponseResource' } as const;

function isErrorBody(v: unknown): boolean {
  return typeof v === 'object' && v !== null && 'error' in v && !('object' in v) && !('output' in v);
}

interface Payload {
  value: unknown;
  label: string;
  type: string;
}

/** The payloads of one recording: a body, or every event of a stream. */
function payloadsOf(file: string, kind: 'json' | 'chunks', flavor: 'openai' | 'openresponses'): Payload[] {
  const raw = readFileSync(file, 'utf8');
  const all =
    kind === 'json'
      ? [{ value: JSON.parse(raw), label: '', type: bodyType[flavor] }]
      : raw.split('\n').filter((l) => l.trim()).map((l, i) => ({ value: JSON.parse(l), label: `line ${i + 1}`, type: 'ResponseStreamEvent' }));
  return all.filter((p) => !isErrorBody(p.value));
}

/** One virtual source file per recording, with a pointer and a payload index for every line. */
function sourceFor(payloads: Payload[], flavor: 'openai' | 'openresponses') {
  const head = [`import type { ${bodyType[flavor]}, ResponseStreamEvent } from ${JSON.stringify(typesOf(flavor))};`];
  const pointers: string[] = [''];
  const owners: number[] = [-1];
  payloads.forEach(({ value, type }, i) => {
    const lit: Literal = toLiteral(value);
    const lines = lit.text.split('\n');
    lines[0] = `export const v${i} = ${lines[0]}`;
    lines[lines.length - 1] += ` satisfies ${type};`;
    head.push(...lines);
    pointers.push(...lit.pointers);
    owners.push(...lit.pointers.map(() => i));
  });
  return { text: head.join('\n') + '\n', pointers, owners };
}

interface Found extends Misfit {
  payload: number;
  fix: 'delete' | 'any' | 'add';
}

function compile(sources: Map<string, ReturnType<typeof sourceFor>>): Map<string, Found[]> {
  const options: ts.CompilerOptions = {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext, skipLibCheck: true, types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (f) => sources.get(f)?.text ?? readFile(f);
  host.fileExists = (f) => sources.has(f) || fileExists(f);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, ...rest) => {
    const own = sources.get(f);
    return own ? ts.createSourceFile(f, own.text, lang, true) : getSourceFile(f, lang, ...rest);
  };
  const program = ts.createProgram([...sources.keys()], options, host);
  const out = new Map<string, Found[]>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const own = d.file && sources.get(d.file.fileName);
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!own || d.start === undefined) throw new Error(`a diagnostic outside the recordings: ${text}`);
    const line = d.file!.getLineAndCharacterOfPosition(d.start).line;
    // "Property 'x' is missing" (or "is missing the following properties ...: a, b, and 3 more")
    // deep in the chain names what the payload lacks; the rest show in the next round.
    const one = /Property '([^']+)' is missing/.exec(text)?.[1];
    const many = /is missing the following properties from type '.*': (.*)$/m.exec(text)?.[1];
    const missing = one ? [one] : many ? many.replace(/, and \d+ more\.?$/, '').replace(/\.$/, '').split(', ').map((n) => n.replace(/^and /, '')) : [];
    const excess = /may only specify known properties/.test(text);
    const list = out.get(d.file!.fileName) ?? [];
    const base = { recording: '', payload: own.owners[line], message: text.split('\n').slice(-1)[0] };
    if (missing.length) for (const name of missing) list.push({ ...base, pointer: `${own.pointers[line] ?? ''}/${name}`, fix: 'add' });
    else list.push({ ...base, pointer: own.pointers[line] ?? '', fix: excess ? 'delete' : 'any' });
    out.set(d.file!.fileName, list);
  }
  return out;
}

/** Applies a fix at a pointer so the next round can see past this misfit. */
function stepOver(value: unknown, pointer: string, fix: Found['fix']): unknown {
  const tokens = pointer.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (tokens.length === 0) return fix === 'any' ? ANY : value;
  // A shallow copy along the path (values may already hold ANY, which structuredClone refuses).
  const clone = (v: unknown): unknown => (Array.isArray(v) ? [...v] : v && typeof v === 'object' ? { ...(v as object) } : v);
  const copy = clone(value) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const t of tokens.slice(0, -1)) {
    node[t] = clone(node[t]);
    node = node[t] as Record<string, unknown>;
  }
  const last = tokens[tokens.length - 1];
  if (fix === 'delete') delete node[last];
  else node[last] = ANY;
  return copy;
}

/**
 * tsc reports only the first problem of an object literal, so misfits are
 * found in rounds: each round steps over what it found (drops an unknown
 * property, fills a missing one or the wrong one with `null as any`) and
 * checks again, until nothing new shows.
 */
export function typeCheck(): { misfits: Misfit[]; checked: number } {
  const state = new Map<string, { recording: string; flavor: 'openai' | 'openresponses'; payloads: Payload[] }>();
  for (const r of recordings()) {
    const path = join(repoRoot, '.recorded-check', `${r.provider}__${r.name}.ts`);
    state.set(path, { recording: `${r.provider}/${r.name}`, flavor: flavorOf(r.provider), payloads: payloadsOf(r.file, r.kind, flavorOf(r.provider)) });
  }
  const misfits: Misfit[] = [];
  let pending = [...state.keys()];
  for (let round = 0; round < 8 && pending.length > 0; round++) {
    const sources = new Map(pending.map((p) => [p, sourceFor(state.get(p)!.payloads, state.get(p)!.flavor)]));
    const found = compile(sources);
    pending = [...found.keys()];
    for (const [path, list] of found) {
      const s = state.get(path)!;
      for (const f of list) {
        const label = s.payloads[f.payload].label;
        misfits.push({ recording: s.recording + (label ? ` ${label}` : ''), pointer: f.pointer, message: f.message });
        s.payloads[f.payload] = { ...s.payloads[f.payload], value: stepOver(s.payloads[f.payload].value, f.pointer, f.fix) };
      }
    }
  }
  return { misfits, checked: state.size };
}

