/**
 * Model strings: `"provider:model"` (preferred), a bare model with
 * `options.provider`, or the legacy `"provider/model"` (still accepted, with
 * one deprecation warning per process). Model ids may themselves contain
 * `:` or `/` (`ollama:llama3:8b`, `openrouter:openai/gpt-5`): only the first
 * separator splits.
 */
import { ConfigurationError } from '../core/errors.js';

export interface ModelRef {
  provider: string;
  model: string;
}

/** A model string that names no provider, or no model (`"openai:"`); thrown before any traffic. */
export class ModelStringError extends ConfigurationError {
  constructor(message: string, provider?: string) {
    super(message, { provider, param: 'model' });
    this.name = 'ModelStringError'; // explicit: a minifier renames classes
  }
}

let warnedLegacy = false;

/** Test hook: forget that the legacy warning was printed. */
export function resetLegacyWarning(): void {
  warnedLegacy = false;
}

/** A DeprecationWarning where the runtime has process warnings (Node, Bun, Deno); the console elsewhere. */
function deprecationWarning(message: string): void {
  const p = (globalThis as { process?: { emitWarning?: (m: string, type: string) => void } }).process;
  if (typeof p?.emitWarning === 'function') p.emitWarning(message, 'DeprecationWarning');
  else console.warn(message);
}

export function parseModel(
  model: string,
  provider: string | undefined,
  isKnown: (name: string) => boolean,
  warn: (message: string) => void = deprecationWarning,
): ModelRef {
  if (typeof model !== 'string' || model.length === 0) throw new ModelStringError('model must be a non-empty string');
  if (provider !== undefined) return { provider, model };
  const colon = model.indexOf(':');
  const slash = model.indexOf('/');
  if (colon > 0 && (slash < 0 || colon < slash)) return named(model.slice(0, colon), model.slice(colon + 1), model);
  if (slash > 0 && isKnown(model.slice(0, slash))) {
    if (!warnedLegacy) {
      warnedLegacy = true;
      warn(`anyresponses: the "provider/model" form ("${model}") is deprecated; write "${model.slice(0, slash)}:${model.slice(slash + 1)}" or pass { provider }.`);
    }
    return named(model.slice(0, slash), model.slice(slash + 1), model);
  }
  throw new ModelStringError(`no provider in model "${model}": write "provider:model" (for example "openai:gpt-5") or pass { provider }`);
}

/** A provider and a model, refusing an empty model (`"openai:"`), which a server would only answer with a 404. */
function named(provider: string, model: string, written: string): ModelRef {
  if (model.trim() === '') throw new ModelStringError(`no model in "${written}": write "${provider}:MODEL" (for example "${provider}:gpt-5")`, provider);
  return { provider, model };
}
