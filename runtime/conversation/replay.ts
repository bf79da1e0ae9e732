/**
 * Output items sent back as input: `responses()` finds them in a request's
 * `input` and turns them into the flavor's input form (toInputItems), so
 * `input: [...r1.output, next]` is valid as it is. An item counts as one
 * that came from a provider when it carries a string `id` and a `type`
 * other than `item_reference` (every output item has both; an item written
 * by hand rarely has an id). The check is one property read per item, and a
 * request without such items is left untouched.
 *
 * The request is still validated strictly; what remains wrong inside a
 * provider's item (a shape of its own that the spec does not describe) is
 * a warning for `onWarnings`, never an error, while the caller's own items
 * and parameters stay errors.
 */
import type { Issue } from '../validation/issues.js';
import type { Flavor } from './convert.js';
import { toInputItem } from './to-input-items.js';

type Json = Record<string, unknown>;

/** Whether an input item came from a provider (see the module comment). */
export function isProviderItem(item: unknown): boolean {
  if (typeof item !== 'object' || item === null) return false;
  const i = item as Json;
  return typeof i.id === 'string' && typeof i.type === 'string' && i.type !== 'item_reference';
}

/** Converts the provider items of `body.input` in place (a new list when any changed); their indexes, or undefined when there are none. */
export function replayProviderItems(body: Json, flavor: Flavor): Set<number> | undefined {
  const input = body.input;
  if (!Array.isArray(input)) return undefined;
  let from: Set<number> | undefined;
  let out: unknown[] | undefined;
  for (let k = 0; k < input.length; k++) {
    const item: unknown = input[k];
    if (!isProviderItem(item)) continue;
    (from ??= new Set()).add(k);
    const converted = toInputItem(item, flavor);
    if (converted !== item) (out ??= input.slice())[k] = converted;
  }
  if (out) body.input = out;
  return from;
}

/** The index of the input item an issue points into (`/input/3/...`), if any. */
function inputIndex(pointer: string): number | undefined {
  if (!pointer.startsWith('/input/')) return undefined;
  const end = pointer.indexOf('/', 7);
  const n = Number(pointer.slice(7, end === -1 ? undefined : end));
  return Number.isInteger(n) ? n : undefined;
}

/** Splits a strict check's issues: those inside a provider's item are warnings, the rest errors. */
export function splitIssues(issues: readonly Issue[], fromProvider: ReadonlySet<number> | undefined): { errors: Issue[]; warnings: Issue[] } {
  if (!fromProvider || issues.length === 0) return { errors: [...issues], warnings: [] };
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  for (const i of issues) {
    const k = inputIndex(i.pointer);
    (k !== undefined && fromProvider.has(k) ? warnings : errors).push(i);
  }
  return { errors, warnings };
}
