/**
 * Selections: further generated modules cut from a pinned spec. A selection
 * keeps the named operations of its pin and every component they reach,
 * and is emitted as its own spec folder (`generated/<spec>/`, exported as
 * `anyresponses/<spec>`) with its own types and validators, from the same
 * verified bytes, overlays and normalization as the pin itself.
 *
 * `chat` is OpenAI's Chat Completions surface (`POST /chat/completions`:
 * `CreateChatCompletionRequest`, `CreateChatCompletionResponse`,
 * `CreateChatCompletionStreamResponse` and their closure, 72 components),
 * which the Chat Completions bridge (`runtime/bridge/`) is typed and checked with.
 */
import type { IR, IROperation, Schema, SpecPin } from '../ir/types.js';
import type { RawDocument } from '../load/document.js';
import { closure, operationSchemas } from './index.js';

export interface Selection {
  /** Output folder and flavor: `generated/<spec>/`, `anyresponses/<spec>`. */
  spec: string;
  /** Name of the pin in `schemas/sources.json` it is cut from. */
  from: string;
  /** Operations kept, as `METHOD /path` (method in lower case). */
  operations: readonly string[];
  /** The component an error body's `error` object follows (kept with its closure). */
  errorSchema?: string;
}

export const SELECTIONS: readonly Selection[] = Object.freeze([
  { spec: 'chat', from: 'openai', operations: ['post /chat/completions'], errorSchema: 'Error' },
]);

/** The selections cut from one pin, in declaration order. */
export function selectionsOf(pinName: string): Selection[] {
  return SELECTIONS.filter((s) => s.from === pinName);
}

const keeps = (selection: Selection) => (op: { method: string; path: string }) => selection.operations.includes(`${op.method} ${op.path}`);

function keepComponents(ir: IR, operations: IROperation[], errorRef: Schema[]): Set<string> {
  return closure(ir, [...operations.flatMap(operationSchemas), ...errorRef]);
}

/** The selection on the raw document (before normalize), so only its closure is normalized. */
export function preselectOperations(doc: RawDocument, pin: SpecPin, selection: Selection): RawDocument {
  const operations = doc.operations.filter(keeps(selection));
  const missing = selection.operations.filter((o) => !operations.some((op) => `${op.method} ${op.path}` === o));
  if (missing.length) throw new Error(`selection '${selection.spec}' of pin '${pin.name}': no operation ${missing.join(', ')} in the document`);
  const asIR = { pin, title: doc.title, schemas: doc.schemas, operations: doc.operations } as IR;
  const extra = selection.errorSchema ? [{ $ref: `#/components/schemas/${selection.errorSchema}` }] : [];
  const keep = keepComponents(asIR, operations, extra);
  const schemas: Record<string, Schema> = {};
  for (const name of Object.keys(doc.schemas)) if (keep.has(name)) schemas[name] = doc.schemas[name];
  return { ...doc, schemas, operations };
}

/** The selection on the normalized IR. */
export function selectOperations(ir: IR, selection: Selection): IR {
  const operations = ir.operations.filter(keeps(selection));
  const extra = selection.errorSchema ? [{ $ref: `#/$defs/${selection.errorSchema}` }] : [];
  const keep = keepComponents(ir, operations, extra);
  const schemas: Record<string, Schema> = {};
  for (const name of Object.keys(ir.schemas)) if (keep.has(name)) schemas[name] = ir.schemas[name];
  return { ...ir, schemas, operations };
}
