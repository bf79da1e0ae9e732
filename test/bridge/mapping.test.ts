/**
 * The mapping table is the documentation: docs/bridge.md is rendered from it
 * (and must be current), it names every field of both specs' request and
 * response, and it names no field the specs do not have (provider
 * extensions aside).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as bridge from '../../runtime/bridge/index.js';
import { WIRE_PARAMS } from '../../runtime/client/params.js';
import { repoRoot, specsDir } from '../support/shared.js';
import { renderBridgeDoc, docPath } from '../../scripts/bridge-doc.mjs';

type Obj = Record<string, any>;
const read = (f: string): Obj | undefined => {
  try {
    return JSON.parse(readFileSync(join(specsDir, f), 'utf8'));
  } catch {
    if (process.env.CI === 'true') throw new Error(`missing ${f} under ${specsDir}`);
    return undefined;
  }
};
const or = read('openresponses/openapi.json')?.components.schemas;
const oa = read('openai/openapi.json')?.components.schemas;

/** Property names of a schema, through `$ref`, `allOf` and array `items`. */
function props(schemas: Obj, s: Obj | undefined): string[] {
  if (!s) return [];
  if (s.$ref) return props(schemas, schemas[s.$ref.split('/').pop()]);
  return [...Object.keys(s.properties ?? {}), ...(s.allOf ?? []).flatMap((x: Obj) => props(schemas, x))];
}
const at = (schemas: Obj, s: Obj | undefined, ...path: string[]): Obj | undefined => {
  let node = s;
  for (const p of path) {
    while (node?.$ref) node = schemas[node.$ref.split('/').pop()];
    node = p === '[]' ? node?.items : node?.properties?.[p];
  }
  while (node?.$ref) node = schemas[node.$ref.split('/').pop()];
  return node;
};
/** The field names a table cell mentions: tokens split at `, ` and ` / `, last path segment, `[]` and notes dropped. */
const tokens = (cell: string) => cell.split(/, | \/ /).map((t) => t.trim().split(' ')[0].replace(/\[\]/g, '').split('.').pop()!);

describe('the mapping table', () => {
  it('docs/bridge.md is rendered from it', () => {
    expect(readFileSync(docPath, 'utf8'), 'docs/bridge.md is stale: run npm run build && node scripts/bridge-doc.mjs').toBe(renderBridgeDoc(bridge));
  });

  it('has a row for every request field of CreateResponseBody and of any-llm, and none else', () => {
    if (!or) return;
    const fields = new Set([...props(or, or.CreateResponseBody), ...WIRE_PARAMS]);
    expect([...fields].filter((f) => !bridge.KNOWN_REQUEST_FIELDS.has(f))).toEqual([]);
    expect([...bridge.KNOWN_REQUEST_FIELDS].filter((f) => !fields.has(f))).toEqual([]);
  });

  it('sends only fields of CreateChatCompletionRequest (and the reasoning fields providers read back)', () => {
    if (!oa) return;
    const chat = new Set([...props(oa, oa.CreateChatCompletionRequest), 'reasoning_content', 'reasoning', 'include_usage', 'include_obfuscation']);
    const sent = bridge.REQUEST_MAPPING.flatMap((r) => (r.chat === '-' || /\s/.test(r.chat.replace(/ \/ |, /g, '')) ? [] : tokens(r.chat)));
    expect(sent.filter((f) => !chat.has(f))).toEqual([]);
  });

  it('has a row for every ResponseResource field, in the spec\'s order', () => {
    if (!or) return;
    expect(bridge.RESPONSE_MAPPING.map((r) => r.field)).toEqual(props(or, or.ResponseResource));
    expect(bridge.USAGE_MAPPING.map((r) => r.field.split('.').pop())).toEqual(['input_tokens', 'output_tokens', 'total_tokens', 'cached_tokens', 'reasoning_tokens']);
  });

  it('says what becomes of every field of a chat completion, a chunk, their choices, messages and deltas', () => {
    if (!oa) return;
    const named = new Set(bridge.CHAT_FIELDS.flatMap((r) => tokens(r.chat)));
    const res = oa.CreateChatCompletionResponse;
    const chunk = oa.CreateChatCompletionStreamResponse;
    const fields = new Set([
      ...props(oa, res), ...props(oa, chunk),
      ...props(oa, at(oa, res, 'choices', '[]')), ...props(oa, at(oa, chunk, 'choices', '[]')),
      ...props(oa, at(oa, res, 'choices', '[]', 'message')), ...props(oa, at(oa, chunk, 'choices', '[]', 'delta')),
    ]);
    fields.delete('index');
    fields.delete('message');
    fields.delete('delta');
    expect([...fields].filter((f) => !named.has(f))).toEqual([]);
  });

  it('covers every finish_reason of the chat spec', () => {
    if (!oa) return;
    const reasons = at(oa, oa.CreateChatCompletionResponse, 'choices', '[]', 'finish_reason')?.enum as string[];
    expect(reasons.filter((r) => !(r in bridge.FINISH_REASONS))).toEqual([]);
  });
});

describe('the chat module', () => {
  it('is exported as anyresponses/chat (and typed for node10 resolution)', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    expect(pkg.exports['./chat']).toEqual({ types: './generated/chat/index.d.ts', default: './generated/chat/index.js' });
    if (pkg.typesVersions) expect(pkg.typesVersions['*'].chat).toEqual(['./generated/chat/index.d.ts']);
  });
});
