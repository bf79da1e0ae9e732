/**
 * The scenario checks: what conform asks of an answer besides the stream
 * rules (STREAM_RULES) and the spec's schemas (`schema`). Each has a stable
 * name and a sentence; findings name them. The helpers read what a response
 * holds (its message text, its function calls) without trusting its shape.
 */
export const CHECKS = {
  answered: 'The server answers within the request timeout, with a complete body.',
  'http-status': 'The HTTP status is the one the request calls for (200 for a valid request, 4xx for a bad one).',
  'json-content-type': 'A non-streaming answer (an error too) is served as `application/json`.',
  'json-body': 'A non-streaming answer is one JSON object.',
  'response-completed': 'A response to a plain request ends `completed`.',
  'output-message': 'The output holds an assistant message with text.',
  'function-call': 'A forced or required tool call is in the output: a `function_call` of that tool with a `call_id` and JSON-object `arguments`.',
  'structured-output': 'With a JSON Schema `text.format`, the message text is JSON that fits the schema.',
  'echoes-request': 'The response repeats what the request set (`instructions`, `previous_response_id`, `store`).',
  'context-kept': 'An earlier turn (explicit items or `previous_response_id`) is part of the context: judged from the answer.',
  'error-param': "An error for a bad parameter names it in `param`.",
  'operation-result': 'An operation answers with what it did (the same response, `deleted: true`, `cancelled`, the input items, a token count, a compaction).',
  'stream-resume': 'A resumed stream (`starting_after`) sends the original events after that sequence number, unchanged.',
  'background-completes': 'A background response moves on to `completed` when polled.',
  'not-stored': 'A response created with `store: false` cannot be retrieved.',
  'ws-upgrade': 'A WebSocket upgrade on `/responses` is answered `101` with the right `Sec-WebSocket-Accept` (a server without WebSocket mode refuses it with an HTTP status, and the WebSocket scenarios are skipped).',
  'ws-message-json': 'Every WebSocket message from the server is one JSON event.',
  'ws-error-event': "A `response.create` the server refuses is answered with the flavor's WebSocket error event (`type: \"error\"`, a 4xx `status`, `error`), and the socket takes the next turn.",
} as const;

export type CheckName = keyof typeof CHECKS;

type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The output items of a response (empty when it has none or is not a response). */
export const outputOf = (response: unknown): Json[] => (isObject(response) && Array.isArray(response.output) ? (response.output.filter(isObject) as Json[]) : []);

/** The text of the assistant messages of a response, or undefined when it has none. */
export function messageText(response: unknown): string | undefined {
  const texts: string[] = [];
  let found = false;
  for (const item of outputOf(response)) {
    if (item.type !== 'message') continue;
    found = true;
    for (const part of Array.isArray(item.content) ? item.content : []) {
      if (isObject(part) && part.type === 'output_text' && typeof part.text === 'string') texts.push(part.text);
    }
  }
  return found ? texts.join('') : undefined;
}

/** The function calls of a response, with their index in `output`. */
export const functionCalls = (response: unknown): Array<{ item: Json; index: number }> =>
  outputOf(response)
    .map((item, index) => ({ item, index }))
    .filter((x) => x.item.type === 'function_call');

/** The event types of a stream's terminal events. */
export const TERMINAL_EVENTS = new Set(['response.completed', 'response.failed', 'response.incomplete']);

/**
 * Whether a value fits a small JSON Schema (type, properties, required,
 * additionalProperties: false, enum): enough for the schemas conform sends.
 * Returns the pointer and a sentence for the first misfit.
 */
export function fits(schema: Json, value: unknown, at = ''): { pointer: string; message: string } | undefined {
  const type = schema.type;
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value;
  if (typeof type === 'string' && type !== kind && !(type === 'number' && kind === 'integer')) return { pointer: at, message: `expected ${type}, found ${kind}` };
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return { pointer: at, message: `expected one of ${JSON.stringify(schema.enum)}` };
  if (type === 'object' && isObject(value)) {
    const props = isObject(schema.properties) ? schema.properties : {};
    for (const k of Array.isArray(schema.required) ? (schema.required as string[]) : []) if (!(k in value)) return { pointer: `${at}/${k}`, message: `required property '${k}' is missing` };
    for (const [k, v] of Object.entries(value)) {
      if (isObject(props[k])) {
        const inner = fits(props[k] as Json, v, `${at}/${k}`);
        if (inner) return inner;
      } else if (schema.additionalProperties === false) return { pointer: `${at}/${k}`, message: `unknown property '${k}'` };
    }
  }
  return undefined;
}
