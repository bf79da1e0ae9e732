/**
 * Every response output in the recorded traffic: each recorded body with an
 * `output`, and each stream's responses rebuilt by the accumulator (a
 * recording may hold several responses back to back; a terminal event ends
 * one). What conversations replay in the tests of test/conversation/.
 */
import { readFileSync } from 'node:fs';
import type { IR } from '../../generator/ir/types.js';
import { refName } from '../../generator/normalize/rule.js';
import { ResponseAccumulator } from '../../runtime/stream/accumulator.js';
import { sample, SKIP } from './sampler.js';
import { flavorOf, recordings } from './shared.js';

type Json = Record<string, any>;

export interface RecordedOutput {
  /** `provider/file` (with `#n` for the n-th response of a stream holding several). */
  name: string;
  flavor: 'openai' | 'openresponses';
  source: 'body' | 'stream';
  response: Json;
}

const TERMINAL = /^response\.(completed|failed|incomplete)$/;

function rebuilt(file: string): Json[] {
  const events = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Json);
  const out: Json[] = [];
  let acc = new ResponseAccumulator();
  for (const e of events) {
    acc.push(e as any);
    if (TERMINAL.test(String(e.type))) {
      out.push(acc.snapshotResponse() as Json);
      acc = new ResponseAccumulator();
    }
  }
  return out;
}

export function recordedOutputs(): RecordedOutput[] {
  const out: RecordedOutput[] = [];
  for (const r of recordings()) {
    const flavor = flavorOf(r.provider);
    const name = `${r.provider}/${r.name}`;
    if (r.kind === 'json') {
      const body = JSON.parse(readFileSync(r.file, 'utf8')) as Json;
      if (Array.isArray(body.output)) out.push({ name, flavor, source: 'body', response: body });
      continue;
    }
    const responses = rebuilt(r.file).filter((resp) => Array.isArray(resp.output) && resp.output.length > 0);
    responses.forEach((response, i) => out.push({ name: responses.length > 1 ? `${name}#${i + 1}` : name, flavor, source: 'stream', response }));
  }
  return out;
}

/**
 * What changed between an item and its converted form, as sorted lines:
 * `-path` for something left out, `+path` for something added, `~path` for
 * a value that changed. Paths name item and part types instead of indexes
 * (`reasoning.content`, `message.content[output_text].logprobs`).
 */
export function itemChanges(before: unknown, after: unknown, path: string): string[] {
  const out = new Set<string>();
  const walk = (a: unknown, b: unknown, at: string) => {
    if (a === b) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      const label = (v: unknown) => (v && typeof v === 'object' && typeof (v as Json).type === 'string' ? (v as Json).type : '');
      // Parts left out of a list: by position, matching what remains in order.
      let j = 0;
      for (let i = 0; i < a.length; i++) {
        if (j < b.length && (b[j] === a[i] || label(b[j]) === label(a[i]))) walk(a[i], b[j++], `${at}[${label(a[i])}]`);
        else out.add(`-${at}[${label(a[i])}]`);
      }
      for (; j < b.length; j++) out.add(`+${at}[${label(b[j])}]`);
      return;
    }
    if (a && b && typeof a === 'object' && typeof b === 'object') {
      for (const k of Object.keys(a)) if (!(k in (b as Json))) out.add(`-${at}.${k}`);
      for (const k of Object.keys(b)) if (!(k in (a as Json))) out.add(`+${at}.${k}`);
      for (const k of Object.keys(a)) if (k in (b as Json)) walk((a as Json)[k], (b as Json)[k], `${at}.${k}`);
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) out.add(`~${at}`);
  };
  walk(before, after, path);
  return [...out].sort();
}

/** A minimal valid sample of each member of a tagged union (through nested unions), with the member's component name. */
export function unionSamples(ir: IR, node: Json, out: Array<[string, Json]> = []): Array<[string, Json]> {
  const name = refName(node.$ref);
  const schema = (name ? ir.schemas[name] : node) as Json;
  const list = (schema.oneOf ?? schema.anyOf) as Json[] | undefined;
  if (list && schema.discriminator) for (const m of list) unionSamples(ir, m, out);
  else {
    const v = sample(node, ir.schemas);
    if (v !== SKIP) out.push([name ?? 'inline', v as Json]);
  }
  return out;
}
