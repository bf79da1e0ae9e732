/**
 * The specs, as the mock server uses them: requests are checked strictly
 * (a bad one is a 400 whose `param` is the path of the first problem), and
 * so is everything the server itself produces, before it is sent: a shape
 * the spec does not allow is a bug here, answered as a 500 that names it.
 * WebSocket mode (ws/) has three roles of its own: the client's message,
 * the events and the error event (OpenAI's ResponsesClientEvent,
 * ResponsesServerEvent and ResponseWsError; OpenResponses'
 * WebSocketResponseCreateEvent, its stream events and WebSocketErrorEvent).
 */
import { HttpError, pointerToPath } from './errors.js';
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
  ) {}

  static async load(flavor: Flavor): Promise<SpecCheck> {
    const m = (await import(`anyresponses/${flavor}` as string)) as { validate: Validate };
    return new SpecCheck(flavor, m.validate);
  }

  schema(role: SchemaRole): string | undefined {
    return SCHEMAS[this.flavor][role];
  }

  /** Throws the 400 a provider gives for a request body that does not match `role`'s schema. */
  request(role: SchemaRole, body: unknown): void {
    const name = this.schema(role)!;
    const r = this.validate(name, body, { mode: 'strict' });
    if (r.ok) return;
    const first = r.errors![0];
    const path = pointerToPath(first.pointer);
    throw new HttpError(400, `Invalid request body: ${path ?? 'the body'}: ${first.message}${r.errors!.length > 1 ? ` (and ${r.errors!.length - 1} more)` : ''}`, 'invalid_request_error', first.keyword === 'required' ? 'missing_required_parameter' : 'invalid_value', path);
  }

  /** Throws a 500 when something the server made is not valid against the spec (a bug in the mock server). */
  own(role: SchemaRole, value: unknown): void {
    const name = this.schema(role)!;
    const r = this.validate(name, value, { mode: 'strict' });
    if (r.ok) return;
    const problems = r.errors!.slice(0, 5).map((e) => `${e.pointer || '/'}: ${e.message}`).join('; ');
    throw new HttpError(500, `mock server bug: its ${name} does not match the spec: ${problems}`, 'server_error', 'mock_invalid_output');
  }
}
