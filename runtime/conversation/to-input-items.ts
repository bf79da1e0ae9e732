/**
 * `toInputItems(output, { flavor })`: a response's output items as input
 * items that are strictly valid against the flavor's request schema, for
 * the next turn of a conversation. What is kept, dropped and filled is
 * decided by the flavor's table, generated from its spec
 * (`generated/<flavor>/input-items.js`, reached through the package's
 * private `#input-items/*` imports); docs/replay.md lists it per item type.
 * Pure: the output is not modified, and an item that needs no change is
 * returned as the same object.
 */
import { INPUT_ITEMS as OPENAI } from '#input-items/openai';
import { INPUT_ITEMS as OPENRESPONSES } from '#input-items/openresponses';
import { convertItem, convertItems, flavorOption, type Flavor } from './convert.js';
import type { TableSource } from './input-form.js';

// Typed by the generated declarations once they exist (the build runs before the first
// generation, and the table's form belongs to the generator): taken as a TableSource here.
const TABLES: Record<Flavor, TableSource> = { openai: OPENAI as unknown as TableSource, openresponses: OPENRESPONSES as unknown as TableSource };

export interface ToInputItemsOptions {
  /** The spec whose input form to produce: the flavor of the provider the items are sent to. */
  flavor: Flavor;
}

/** Output items (a response's `output`) as the flavor's input items. */
export function toInputItems(output: readonly unknown[], options: ToInputItemsOptions): unknown[] {
  return convertItems(output, TABLES[flavorOption(options)]);
}

/** One item in the flavor's input form. */
export function toInputItem(item: unknown, flavor: Flavor): unknown {
  return convertItem(item, TABLES[flavor]);
}
