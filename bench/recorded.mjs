/**
 * Every recorded body and stream event in ../shared/fixtures/recorded, each with the
 * flavor that reads it and the root schema it is validated against: OpenAI and xAI
 * speak the openai flavor, LM Studio openresponses. Bodies are checked against the
 * flavor's response schema (an error body `{"error": {...}}` through validateError,
 * as the client reads one); stream events against ResponseStreamEvent.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const RECORDED = join(process.cwd(), '..', 'shared', 'fixtures', 'recorded');

const FLAVOR_OF = { openai: 'openai', xai: 'openai', lmstudio: 'openresponses' };
const RESPONSE = { openai: 'Response', openresponses: 'ResponseResource' };

/** `{ label, flavor, text, value, run(spec, mode) }` for every recorded body and every stream event. */
export function recordedItems(dir = RECORDED) {
  const items = [];
  for (const provider of readdirSync(dir).sort()) {
    const flavor = FLAVOR_OF[provider];
    if (!flavor) throw new Error(`bench/recorded.mjs: no flavor known for the recordings of '${provider}'`);
    for (const file of readdirSync(join(dir, provider)).sort()) {
      const text = readFileSync(join(dir, provider, file), 'utf8');
      if (file.endsWith('.chunks.txt')) {
        text.split('\n').forEach((line, i) => {
          if (line.trim()) items.push(item(`${provider}/${file}:${i + 1}`, flavor, 'event', line));
        });
      } else if (file.endsWith('.json')) items.push(item(`${provider}/${file}`, flavor, 'body', text));
    }
  }
  return items;
}

function item(label, flavor, kind, text) {
  const value = JSON.parse(text);
  const isError = kind === 'body' && value !== null && typeof value === 'object' && 'error' in value && !('id' in value);
  const schema = kind === 'event' ? 'ResponseStreamEvent' : RESPONSE[flavor];
  return {
    label,
    flavor,
    kind,
    text,
    value,
    bytes: Buffer.byteLength(text),
    run: isError ? (spec, mode) => spec.validateError(value, { mode }) : (spec, mode) => spec.validate(schema, value, { mode }),
  };
}

/**
 * ns per call of each function, interleaved in `rounds` rounds of batches of at least `minMs`;
 * the median of each, or with `fastest` the fastest round (a loaded machine only ever adds time).
 */
export function interleaved(fns, { minMs = 0.1, rounds = 7, warmMs = 1, fastest = false } = {}) {
  for (const fn of fns) for (const end = performance.now() + warmMs; performance.now() < end; ) fn();
  const sizes = fns.map((fn) => {
    for (let n = 1; ; n *= 2) {
      const t = process.hrtime.bigint();
      for (let i = 0; i < n; i++) fn();
      if (Number(process.hrtime.bigint() - t) / 1e6 >= minMs) return n;
    }
  });
  const runs = fns.map(() => []);
  for (let r = 0; r < rounds; r++) {
    fns.forEach((fn, k) => {
      const t = process.hrtime.bigint();
      for (let i = 0; i < sizes[k]; i++) fn();
      runs[k].push(Number(process.hrtime.bigint() - t) / sizes[k]);
    });
  }
  return runs.map((xs) => xs.sort((a, b) => a - b)[fastest ? 0 : xs.length >> 1]);
}

/**
 * The cost of validating each recorded item as a ratio to JSON.parse of its bytes, strict and
 * tolerant, measured together per item. A per-item figure from short batches can be hit by a
 * slow moment of the machine, so the items that come out worst are measured again, longer, each
 * function by its fastest of 15 interleaved rounds, before the worst is taken.
 */
export function validationRatios(items, specs, { recheck = 40 } = {}) {
  const measure = (it, opts) => {
    const spec = specs[it.flavor];
    const [parse, tolerant, strict] = interleaved([() => JSON.parse(it.text), () => it.run(spec, 'tolerant'), () => it.run(spec, 'strict')], opts);
    const warnings = it.run(spec, 'tolerant').warnings.length;
    return { ...it, parse, tolerant, strict, warnings, rTolerant: tolerant / parse, rStrict: strict / parse };
  };
  // Every item once in turn first, so the code is warm across the whole corpus, as it is in a long-running client.
  for (let pass = 0; pass < 20; pass++) for (const it of items) for (const mode of ['strict', 'tolerant']) it.run(specs[it.flavor], mode);
  const rows = items.map((it) => measure(it));
  for (const key of ['rTolerant', 'rStrict']) {
    const worst = [...rows].sort((a, b) => b[key] - a[key]).slice(0, recheck);
    for (const w of worst) rows[rows.indexOf(w)] = measure(w, { minMs: 2, rounds: 15, warmMs: 50, fastest: true });
  }
  return rows;
}

export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}
