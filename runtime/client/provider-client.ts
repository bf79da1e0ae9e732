/**
 * What a generated provider module (`anyresponses/providers/<name>`) returns:
 * a client bound to that provider, with a method for exactly each operation
 * its manifest lists (and `connect` where it has WebSocket mode). One
 * implementation for every provider module: each is its metadata and one
 * call of this (generator/templates/provider.js.hbs); its declaration file
 * types the methods it has.
 */
import { UnsupportedProviderError } from '../core/errors.js';
import { createClient, type ClientOptions } from './client.js';

/** The part of a provider's registry entry this reads. */
export interface BoundProviderMetadata {
  readonly name: string;
  readonly responses: boolean;
  readonly operations?: readonly string[];
  readonly websocket?: unknown;
}

type Method = (...args: any[]) => unknown;
type Client = ReturnType<typeof createClient>;

/** Manifest operation -> the bound method, in the order the methods are listed (ProviderClientMethods in the root types). */
const METHODS: ReadonlyArray<[operation: string, method: string, bind: (client: Client) => Method]> = [
  ['create', 'create', (c) => (model: string, input: unknown, callOptions = {}) => c.responses(model, input, { ...callOptions, stream: false })],
  ['stream', 'stream', (c) => (model: string, input: unknown, callOptions = {}) => c.responses(model, input, { ...callOptions, stream: true })],
  ['retrieve', 'retrieve', (c) => (id: string, callOptions = {}) => c.retrieve(id, callOptions)],
  ['cancel', 'cancel', (c) => (id: string, callOptions = {}) => c.cancel(id, callOptions)],
  ['delete', 'delete', (c) => (id: string, callOptions = {}) => c.delete(id, callOptions)],
  ['input_items', 'inputItems', (c) => (id: string, callOptions = {}) => c.inputItems(id, callOptions)],
  ['compact', 'compact', (c) => (body: Record<string, unknown>, callOptions = {}) => c.compact(body, callOptions)],
  ['input_tokens', 'inputTokens', (c) => (body: Record<string, unknown>, callOptions = {}) => c.inputTokens(body, callOptions)],
];

/**
 * A frozen client bound to the provider `metadata` describes: `metadata`, then a method per
 * operation it supports. Throws `UnsupportedProviderError`, before any traffic, for a provider
 * without a Responses API.
 */
export function providerClient(metadata: BoundProviderMetadata, options: Omit<ClientOptions, 'provider'> = {}): Readonly<Record<string, unknown>> {
  if (metadata.responses !== true) throw new UnsupportedProviderError(metadata.name, [], `${metadata.name} has no Responses API`);
  const client = createClient({ ...options, provider: metadata.name });
  const ops = new Set(metadata.operations ?? []);
  const bound: Record<string, unknown> = { metadata };
  for (const [operation, method, bind] of METHODS) if (ops.has(operation)) bound[method] = bind(client);
  if (metadata.websocket !== undefined) bound.connect = (model: string, sessionOptions = {}) => client.connect(model, sessionOptions);
  return Object.freeze(bound);
}
