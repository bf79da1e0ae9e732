/**
 * Output items to input items with one flavor's table: the provider repairs
 * (repairs.ts), then the table (input-form.ts). Used by the package root's
 * `toInputItems` and by each flavor module's (`anyresponses/openai`,
 * `anyresponses/openresponses`), which bind their own table.
 */
import { InvalidArgumentError } from '../validation/error-base.js';
import { conformItem, knowsItem, type TableSource } from './input-form.js';
import { repair } from './repairs.js';

export type Flavor = 'openai' | 'openresponses';
export const FLAVORS: readonly Flavor[] = ['openai', 'openresponses'];

type Json = Record<string, unknown>;

/** One item in the flavor's input form; anything that is not an object, or of a type the table does not know, comes back as it is. */
export function convertItem(item: unknown, table: TableSource): unknown {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
  if (!knowsItem(item as Json, table)) return item;
  return conformItem(repair(item as Json), table);
}

function describe(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : typeof v;
}

/** Every item of `output` in the flavor's input form (a new list; items that need no change are the same objects). */
export function convertItems(output: unknown, table: TableSource): unknown[] {
  if (!Array.isArray(output)) {
    throw new InvalidArgumentError(`toInputItems: expected a list of output items (a response's \`output\`), got ${describe(output)}`);
  }
  const out = new Array<unknown>(output.length);
  for (let k = 0; k < output.length; k++) out[k] = convertItem(output[k], table);
  return out;
}

/** The flavor named by `options.flavor`, checked. */
export function flavorOption(options: unknown, fixed?: Flavor): Flavor {
  const given = options && typeof options === 'object' ? (options as { flavor?: unknown }).flavor : undefined;
  if (fixed !== undefined) {
    if (given !== undefined && given !== fixed) throw new InvalidArgumentError(`toInputItems: this is the ${fixed} module's; flavor '${String(given)}' needs toInputItems from the package root or anyresponses/${String(given)}`);
    return fixed;
  }
  if (!FLAVORS.includes(given as Flavor)) throw new InvalidArgumentError(`toInputItems: options.flavor must be one of ${FLAVORS.join(', ')}${given === undefined ? '' : `, got ${JSON.stringify(given)}`}`);
  return given as Flavor;
}
