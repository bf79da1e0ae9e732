/**
 * The specs, as the mock server uses them: requests are checked strictly
 * (a bad one is a 400 whose `param` is the path of the first problem), and
 * so is everything the server itself produces, before it is sent: a shape
 * the spec does not allow is a bug here, answered as a 500 that names it.
 * The spec is a flavor's (`anyresponses/openai`...) or a generated module of
 * a user's own spec (`startMockServer({ spec })`), whose SPEC names its schemas.
 *
 * WebSocket mode (ws/) has three roles of its own: the client's message,
 * the events and the error event (OpenAI's ResponsesClientEvent,
 * ResponsesServerEvent and ResponseWsError; OpenResponses'
 * WebSocketResponseCreateEvent, its stream events and WebSocketErrorEvent).
 */
import { InvalidOptionError } from 'anyresponses';
import { HttpError, pointerToPath } from './errors.js';
import type { GeneratedSpec } from '../../client/spec-client.js';
import { loadSpec } from '../../validation/registry.js';
import type { Flavor } from './options.js';

type Issue = { pointer: string; message: string; keyword: string };
type Validate = (name: string, value: unknown, o?: { mode?: 'strict' | 'tolerant' }) => { ok: boolean; errors?: Issue[] };

export const SCHEMAS = {
  openai: { request: 'CreateResponse', response: 'Response', event: 'ResponseStreamEvent', compactRequest: 'CompactResponseMethodPublicBody', compact: 'CompactResource', list: 'ResponseItemList', tokensRequest: 'TokenCountsBody', tokens: 'TokenCountsResource', error: 'Error', wsCreate: 'ResponsesClientEvent', wsEvent: 'ResponsesServerEvent', wsError: 'ResponseWsError' },
  openresponses: { request: 'CreateResponseBody', response: 'ResponseResource', event: 'ResponseStreamEvent', compactRequest: 'CompactResponseMethodPublicBody', compact: 'CompactResource', list: undefined, tokensRequest: undefined, tokens: undefined, error: 'ErrorPayload', wsCreate: 'WebSocketResponseCreateEvent', wsEvent: 'ResponseStreamEvent', wsError: 'WebSocketErrorEvent' },
  chat: { request: 'CreateChatCompletionRequest', response: 'CreateChatCompletionResponse', event: 'CreateChatCompletionStreamResponse', compactRequest: undefined, compact: undefined, list: undefined, tokensRequest: undefined, tokens: undefined, error: undefined, wsCreate: undefined, wsEvent: undefined, wsError: undefined },
} as const;

export type SchemaRole = keyof (typeof SCHEMAS)['openai'];

export class SpecCheck {
  private constructor(
    readonly flavor: Flavor,
    private readonly validate: Validate,
    private readonly names: Readonly<Partial<Record<SchemaRole, string>>>,
  ) {}

  static async load(flavor: Flavor): Promise<SpecCheck> {
    // The flavor's compiled validators by a static specifier (validation/registry.ts), as the client loads them.
    const validators = await loadSpec(flavor);
    return new SpecCheck(flavor, (name, value, o) => validators.validate(name, value, o), SCHEMAS[flavor]);
  }

  /** A generated spec module (anyresponses-codegen's output, or `anyresponses/<flavor>`): its validators, and its schemas by role from its SPEC. */
  static fromModule(spec: GeneratedSpec, flavor: Flavor): SpecCheck {
    const names: Partial<Record<SchemaRole, string>> = {};
    for (const role of Object.keys(SCHEMAS[flavor]) as SchemaRole[]) {
      const name = spec.SPEC.schemas[role];
      if (typeof name === 'string') names[role] = name;
    }
    for (const role of ['request', 'response'] as const) {
      if (!names[role]) throw new InvalidOptionError(`startMockServer: the spec '${spec.SPEC.name}' has no ${role} schema: the mock server needs a POST .../responses operation with a JSON request body and response`, 'spec');
    }
    const validators = spec.specValidators();
    return new SpecCheck(flavor, (name, value, o) => validators.validate(name, value, o), names);
  }

  schema(role: SchemaRole): string | undefined {
    return this.names[role];
  }

  /** The schema of a role, or the 404 a server gives for an operation it does not have. */
  private required(role: SchemaRole): string {
    const name = this.names[role];
    if (name === undefined) throw new HttpError(404, `This server's spec has no operation for this request (no ${role} schema).`, 'invalid_request_error', 'unknown_url');
    return name;
  }

  /** Throws the 400 a provider gives for a request body that does not match `role`'s schema. */
  request(role: SchemaRole, body: unknown): void {
    const name = this.required(role);
    const r = this.validate(name, body, { mode: 'strict' });
    if (r.ok) return;
    const first = r.errors![0];
    const path = pointerToPath(first.pointer);
    throw new HttpError(400, `Invalid request body: ${path ?? 'the body'}: ${first.message}${r.errors!.length > 1 ? ` (and ${r.errors!.length - 1} more)` : ''}`, 'invalid_request_error', first.keyword === 'required' ? 'missing_required_parameter' : 'invalid_value', path);
  }

  /** Throws a 500 when something the server made is not valid against the spec (a bug in the mock server, or a scripted turn the spec does not allow). */
  own(role: SchemaRole, value: unknown): void {
    const name = this.names[role];
    if (name === undefined) return;
    const r = this.validate(name, value, { mode: 'strict' });
    if (r.ok) return;
    const problems = r.errors!.slice(0, 5).map((e) => `${e.pointer || '/'}: ${e.message}`).join('; ');
    throw new HttpError(500, `mock server bug: its ${name} does not match the spec: ${problems}`, 'server_error', 'mock_invalid_output');
  }
}
