/**
 * The specs whose generated validators have been loaded, by name. Each
 * generated `validators.js` registers itself on import; code that gets a
 * spec by name (the test matchers, the CLI, the client) looks it up here.
 */
import type { SpecValidators } from './bind.js';

const specs = new Map<string, SpecValidators>();

export function registerSpec(validators: SpecValidators): void {
  specs.set(validators.spec, validators);
}

export function getSpec(name: string): SpecValidators {
  const found = specs.get(name);
  if (!found) {
    throw new TypeError(`unknown spec '${name}'; known: openai, openresponses${specs.size ? ` (loaded: ${[...specs.keys()].join(', ')})` : ''}`);
  }
  return found;
}

/** Loads a spec's generated validators (once) and returns them. */
export async function loadSpec(name: 'openai' | 'openresponses' | string): Promise<SpecValidators> {
  if (!specs.has(name)) {
    if (name !== 'openai' && name !== 'openresponses') getSpec(name);
    // Through the package's own exports, so it works from source, from dist/ and when installed.
    const specifier = `anyresponses/${name}`;
    await import(specifier);
  }
  return getSpec(name);
}
