/**
 * The specs whose generated validators have been loaded, by name. Code that
 * gets a spec by name (the test matchers, the CLI, the client) loads it here
 * once; importing a generated module registers nothing (it has no side
 * effects, so bundlers can drop what is not used).
 */
import type { SpecValidators } from './bind.js';
import { UnknownSpecError } from './error-base.js';

const specs = new Map<string, SpecValidators>();

export function registerSpec(validators: SpecValidators): void {
  specs.set(validators.spec, validators);
}

export function getSpec(name: string): SpecValidators {
  const found = specs.get(name);
  if (!found) {
    throw new UnknownSpecError(`unknown spec '${name}'; known: ${Object.keys(LOADERS).join(', ')}${specs.size ? ` (loaded: ${[...specs.keys()].join(', ')})` : ''}; load it first with loadSpec(name)`, String(name));
  }
  return found;
}

/** A spec's compiled validators (`anyresponses/<spec>/compiled`): its bound API once the tolerant schemas are loaded. */
interface CompiledSpec {
  loadValidators(): Promise<SpecValidators>;
}

/**
 * Each spec's compiled validators, by a static specifier (the package's own exports) that
 * bundlers follow; it works from source, from dist/ and when installed. (`as string` keeps
 * tsc from resolving generated/ while it compiles the runtime; the emitted JS has the literal.)
 */
const LOADERS: Record<string, () => Promise<CompiledSpec>> = {
  openai: () => import('anyresponses/openai/compiled' as string),
  openresponses: () => import('anyresponses/openresponses/compiled' as string),
  chat: () => import('anyresponses/chat/compiled' as string),
};

/** Loads a spec's generated validators (once), registers them and returns them. */
export async function loadSpec(name: 'openai' | 'openresponses' | 'chat' | string): Promise<SpecValidators> {
  if (!specs.has(name)) {
    if (!Object.prototype.hasOwnProperty.call(LOADERS, name)) return getSpec(name);
    registerSpec(await (await LOADERS[name]()).loadValidators());
  }
  return getSpec(name);
}
