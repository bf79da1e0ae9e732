/** Hostile input neither crashes nor hangs the validators, and cannot pollute prototypes. */
import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../support/conformance.js';
import { specsDir, hasShared } from '../support/shared.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const specs = hasShared() ? await loadSpecs() : undefined;
const or = specs?.openresponses as unknown as Record<string, any>;
const oa = specs?.openai as unknown as Record<string, any>;

function nested(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

describe('hostile input', () => {
  it('deeply nested arrays (depth 10,000) are rejected cleanly where a value is expected', () => {
    if (!or) return;
    const deep = nested(10_000);
    for (const mode of ['strict', 'tolerant']) {
      const r = or.validate('ResponseResource', { ...{ id: 'r' }, output: deep, metadata: deep }, { mode });
      expect(r.ok).toBe(false);
    }
    expect(() => or.validate('ItemParam', deep)).not.toThrow();
    expect(or.validateStream([deep, deep]).ok).toBe(false);
  });

  it('very long strings are validated without trouble', () => {
    if (!or) return;
    const long = 'x'.repeat(5_000_000);
    const r = or.validate('InputTextContentParam', { type: 'input_text', text: long }, { mode: 'strict' });
    expect(r.ok).toBe(true);
    const bad = or.validate('ItemField', { type: 'message', id: long, status: 'completed', role: 'assistant', content: 7 }, { mode: 'strict' });
    expect(bad.errors[0].message.length).toBeLessThan(200);
  });

  it('__proto__ and constructor keys are plain data: no prototype pollution, no crash', () => {
    if (!or) return;
    const payload = JSON.parse('{"type":"message","role":"user","content":"hi","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
    const strict = or.validate('ItemParam', payload, { mode: 'strict' });
    const tolerant = or.validate('ItemParam', payload);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(strict.ok).toBe(false);
    expect(strict.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/__proto__', '/constructor']);
    expect(tolerant.ok).toBe(true);
    const meta = or.validate('MetadataParam', JSON.parse('{"__proto__":"x","toString":"y"}'));
    expect(meta.ok).toBe(true);
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'x')).toBe(false);
  });

  it('no pattern in either spec is open to catastrophic backtracking on long input', () => {
    if (!oa) return;
    const patterns = new Set<string>();
    for (const f of ['openresponses/openapi.json', 'openai/openapi.json']) {
      JSON.stringify(JSON.parse(readFileSync(join(specsDir, f), 'utf8')), (k, v) => {
        if (k === 'pattern' && typeof v === 'string') patterns.add(v);
        return v;
      });
    }
    expect(patterns.size).toBeGreaterThan(0);
    // Catastrophic backtracking needs nested quantifiers (star height > 1), like `(a+)+` or `(a|b*)*`.
    // Check that statically; then run the classic attack (a long accepted run, one rejected char) to be sure it returns.
    const nestedQuantifier = /\((?:[^()\\]|\\.)*[*+}](?:[^()\\]|\\.)*\)[*+{]/;
    for (const p of patterns) {
      expect(nestedQuantifier.test(p), `pattern ${p} nests quantifiers`).toBe(false);
      const re = new RegExp(p, 'u');
      for (const attack of ['a'.repeat(100_000) + '!', '_'.repeat(100_000) + '\u0000', 'tunnel_' + 'a'.repeat(100_000) + '!']) expect(re.test(attack)).toBe(false);
    }
    expect(nestedQuantifier.test('^(a+)+$')).toBe(true);
  });
});
