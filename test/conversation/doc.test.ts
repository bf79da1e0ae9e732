/**
 * docs/replay.md is rendered from what the generator says its input item
 * tables change (generated/<flavor>/replay-changes.json) and from the
 * provider repairs; each item-level row is checked against what
 * toInputItems does to a sample of that output item.
 */
import { readFileSync } from 'node:fs';
import { toInputItems } from 'anyresponses';
import { beforeAll, describe, expect, it } from 'vitest';
import { docPath, loadInputs, renderReplayDoc } from '../../scripts/replay-doc.mjs';
import { itemSchemas } from '../../generator/emit/input-items/schema.js';
import type { IR } from '../../generator/ir/types.js';
import { buildIR } from '../../generator/pipeline.js';
import { responseProblems } from '../support/mock.js';
import { unionSamples } from '../support/replayable.js';
import { hasShared } from '../support/shared.js';

type Json = Record<string, any>;
const REQUEST = { openai: 'CreateResponse', openresponses: 'CreateResponseBody' } as const;

describe('docs/replay.md', () => {
  it('is rendered from the tables', async () => {
    expect(readFileSync(docPath, 'utf8'), 'docs/replay.md is stale: run npm run generate && node scripts/replay-doc.mjs').toBe(renderReplayDoc(await loadInputs()));
  });

  const irs: Partial<Record<'openai' | 'openresponses', IR>> = {};
  beforeAll(async () => {
    if (!hasShared()) return;
    for (const f of ['openai', 'openresponses'] as const) irs[f] = await buildIR(f);
  });

  it.each(['openai', 'openresponses'] as const)('%s: every row about a whole item is what toInputItems does', async (flavor) => {
    if (!hasShared()) return;
    const { changes } = await loadInputs();
    const samples = unionSamples(irs[flavor]!, itemSchemas(irs[flavor]!)!.output);
    const rows = (changes[flavor].changes as Json[]).filter((r) => r.at === '' && /^drops /.test(r.change));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const names = [...String(row.change).matchAll(/`([^`]+)`/g)].map((m) => m[1]);
      const [, base] = samples.find(([, s]) => s.type === row.item)!;
      const item = { ...base, ...Object.fromEntries(names.map((n) => [n, ['x']])) };
      const [out] = toInputItems([item as never], { flavor: flavor as 'openai' }) as Json[];
      for (const n of names) expect(out, `${flavor} ${row.item}: ${row.change}`).not.toHaveProperty(n);
      expect(responseProblems(flavor, { model: 'm', input: [out] }, REQUEST[flavor]), `${flavor} ${row.item}`).toEqual([]);
    }
  });
});
