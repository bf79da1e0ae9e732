/**
 * The checks behind the refusals of the mapping table: each looks at one
 * request field and says what in it the chat leg cannot express, naming the
 * place (`tools[1]`, `input[3].content[0]`). Pure; `unsupported.ts` runs
 * them all through the table.
 */
import { itemKind } from './input.js';
import type { BridgeOptions } from './options.js';
import type { BridgeRequest } from './types.js';

export interface Refusal {
  /** The parameter, with its place in the request (`tools[0]`, `input[2].content[1]`). */
  parameter: string;
  reason: string;
}

export type Check = (body: BridgeRequest, options: BridgeOptions) => Refusal[];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const given = (v: unknown) => v !== undefined && v !== null;

export const STORE = 'needs a conversation store, which the Chat Completions leg does not keep';

/** A refusal when `field` holds a value `bad` accepts. */
export function refuseWhen(field: keyof BridgeRequest & string, bad: (v: unknown) => boolean, reason: string): Check {
  return (body) => (bad(body[field]) ? [{ parameter: field, reason }] : []);
}

export const ifGiven = (v: unknown) => given(v);
export const ifTrue = (v: unknown) => v === true;

export const checkTools: Check = (body) =>
  (Array.isArray(body.tools) ? body.tools : []).flatMap((t, i) =>
    isObj(t) && t.type !== 'function' ? [{ parameter: `tools[${i}]`, reason: `the built-in tool '${String(t.type)}' has no Chat Completions equivalent (only function tools bridge)` }] : [],
  );

export const checkToolChoice: Check = (body) => {
  const c = body.tool_choice as unknown;
  if (!isObj(c) || c.type === 'function' || c.type === 'allowed_tools') return [];
  return [{ parameter: 'tool_choice', reason: `forcing the built-in tool '${String(c.type)}' has no Chat Completions equivalent` }];
};

export const checkReasoning: Check = (body, options) =>
  !options.reasoningEffort && given(body.reasoning?.effort) ? [{ parameter: 'reasoning.effort', reason: 'the provider reads no reasoning effort' }] : [];

export const checkLogprobs: Check = (body, options) => {
  if (options.logprobs) return [];
  const asked = (given(body.top_logprobs) && body.top_logprobs !== 0) || (body.include ?? []).includes('message.output_text.logprobs');
  return asked ? [{ parameter: given(body.top_logprobs) ? 'top_logprobs' : 'include', reason: 'the provider returns no logprobs' }] : [];
};

export const checkServiceTier: Check = (body, options) =>
  !options.serviceTier && given(body.service_tier) && body.service_tier !== 'auto' && body.service_tier !== 'default'
    ? [{ parameter: 'service_tier', reason: `the provider has no '${String(body.service_tier)}' tier` }]
    : [];

function contentRefusals(where: string, content: unknown, role: unknown, options: BridgeOptions): Refusal[] {
  if (!Array.isArray(content)) return [];
  const out: Refusal[] = [];
  content.forEach((p, j) => {
    if (!isObj(p)) return;
    const at = `${where}.content[${j}]`;
    if (p.type === 'input_video') out.push({ parameter: at, reason: 'video input has no Chat Completions equivalent' });
    else if ((p.type === 'input_image' || p.type === 'input_file') && role !== 'user') {
      out.push({ parameter: at, reason: `${p.type} in a ${String(role)} message: chat takes images and files in user messages only` });
    } else if (p.type === 'input_image') {
      if (!options.images) out.push({ parameter: at, reason: 'the provider takes no image input' });
      else if (typeof p.image_url !== 'string' || p.image_url === '') out.push({ parameter: at, reason: 'an image by file_id needs the provider to keep files; chat takes an image_url (a URL or a data URL)' });
    } else if (p.type === 'input_file') {
      if (!options.files) out.push({ parameter: at, reason: 'the provider takes no file input' });
      else if (typeof p.file_data !== 'string' && typeof p.file_id !== 'string') out.push({ parameter: at, reason: 'chat file parts take file_data or file_id, not a file_url' });
      else if (typeof p.file_data !== 'string' && !options.fileIds) out.push({ parameter: at, reason: 'a file by file_id needs the provider to keep files' });
    }
  });
  return out;
}

export const checkInput: Check = (body, options) => {
  if (!Array.isArray(body.input)) return [];
  const out: Refusal[] = [];
  body.input.forEach((item, i) => {
    const where = `input[${i}]`;
    const kind = itemKind(item);
    const it = item as Obj;
    if (kind === 'item_reference') out.push({ parameter: where, reason: `an item_reference ${STORE}` });
    else if (kind === 'compaction') out.push({ parameter: where, reason: 'a compaction item is opaque to other providers' });
    else if (kind === 'message') out.push(...contentRefusals(where, it.content, it.role, options));
    else if (kind === 'function_call_output' && Array.isArray(it.output)) {
      it.output.forEach((p, j) => {
        if (isObj(p) && p.type !== 'input_text') out.push({ parameter: `${where}.output[${j}]`, reason: `${String(p.type)} in a tool result: chat tool messages carry text only` });
      });
    } else if (kind !== 'reasoning' && kind !== 'function_call' && kind !== 'function_call_output') {
      out.push({ parameter: where, reason: `the input item type '${kind}' has no Chat Completions equivalent` });
    }
  });
  return out;
};
