/**
 * What a request asks for that the chat leg cannot express, found before any
 * traffic by running the checks of the mapping table: `unsupportedParameters`
 * lists them, `assertBridgeable` throws an `UnsupportedParameterError` naming
 * the first parameter, its place and the provider (and counting the rest).
 */
import { UnsupportedParameterError } from '../core/errors.js';
import { REQUEST_MAPPING } from './mapping.js';
import { bridgeOptions, type BridgeOptions } from './options.js';
import type { Refusal } from './refusals.js';
import type { BridgeRequest } from './types.js';

export type { Refusal };

export function unsupportedParameters(body: BridgeRequest, options: Partial<BridgeOptions> = {}): Refusal[] {
  const o = bridgeOptions(options);
  const out: Refusal[] = [];
  for (const row of REQUEST_MAPPING) if (row.check) out.push(...row.check(body, o));
  return out;
}

export function assertBridgeable(body: BridgeRequest, options: Partial<BridgeOptions> = {}): void {
  const found = unsupportedParameters(body, options);
  if (found.length === 0) return;
  const [first, ...rest] = found;
  const more = rest.length ? ` (and ${rest.length} more: ${rest.map((r) => r.parameter).join(', ')})` : '';
  throw new UnsupportedParameterError(`${options.provider ?? bridgeOptions().provider} (Chat Completions)`, first.parameter, `${first.reason}${more}`);
}
