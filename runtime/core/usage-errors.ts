/**
 * Calls that cannot work as written, each its own `ConfigurationError`
 * subclass, thrown before any traffic and never retried: a bad option value,
 * a base URL that is missing or does not parse, a provider setting or the
 * provider itself missing. Each names the option (or the environment
 * variable) it came from.
 */
import { ConfigurationError, type ErrorInit } from './errors.js';

/** An option with a value that cannot work (`response_format: 42`, a tool name with spaces, an unknown mock-server flavor). */
export class InvalidOptionError extends ConfigurationError {
  constructor(
    message: string,
    /** The option, as the caller wrote it (`response_format`, `tools[2]`, `flavor`). */
    readonly option: string,
    init: ErrorInit = {},
  ) {
    super(message, { param: option, ...init });
  }
}

/** A base URL that does not parse, is not http(s) or carries credentials; `option` says where it came from (`apiBase` or the env var). */
export class InvalidBaseURLError extends InvalidOptionError {}

/** No base URL for a provider that has no default (Azure, the generic providers): pass `apiBase` or set one of `envVars`. */
export class MissingBaseURLError extends ConfigurationError {
  constructor(
    provider: string,
    readonly envVars: readonly string[],
  ) {
    super(`no base URL for ${provider}: pass apiBase or set ${envVars.length > 0 ? envVars.join(' or ') : 'its base URL variable'}`, { provider, param: 'apiBase' });
  }
}

/** A required provider setting (Azure's `api-version`...) that is neither in `settings` nor in its env var. */
export class MissingSettingError extends ConfigurationError {
  constructor(
    provider: string,
    readonly setting: string,
    readonly envVar?: string,
  ) {
    super(`${provider} needs the setting '${setting}': pass settings: { '${setting}': ... }${envVar ? ` or set ${envVar}` : ''}`, { provider, param: setting });
  }
}

/** An operation (`retrieve`, `resume`...) called without a provider, on a client that has none. */
export class MissingProviderError extends ConfigurationError {
  constructor(
    readonly operation: string,
    known: readonly string[],
  ) {
    super(`${operation} needs a provider: pass { provider }${known.length ? ` (known: ${known.join(', ')})` : ''}`, { param: 'provider' });
  }
}
