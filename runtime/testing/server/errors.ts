/**
 * Provider-style error answers: `{"error": {"message", "type", "param",
 * "code"}}`, the shape both specs give errors (OpenAI `Error`,
 * OpenResponses `ErrorPayload`), with `param` the JSON path of the problem
 * (`input[0].content`).
 */
export interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string,
    readonly code: string | null = null,
    readonly param: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): ErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

/** `/input/0/content` -> `input[0].content`; the empty pointer -> null. */
export function pointerToPath(pointer: string): string | null {
  if (pointer === '' || pointer === '/') return null;
  let path = '';
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path += /^\d+$/.test(key) ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? (path ? `.${key}` : key) : `[${JSON.stringify(key)}]`;
  }
  return path;
}

const TYPES: Record<number, [type: string, code: string | null, message: string]> = {
  400: ['invalid_request_error', null, 'Bad request.'],
  401: ['invalid_request_error', 'invalid_api_key', 'Incorrect API key provided.'],
  403: ['invalid_request_error', 'forbidden', 'Forbidden.'],
  404: ['invalid_request_error', 'not_found', 'Not found.'],
  408: ['timeout', 'timeout', 'The request timed out.'],
  409: ['invalid_request_error', 'conflict', 'Conflict.'],
  413: ['invalid_request_error', 'request_too_large', 'Request body too large.'],
  422: ['invalid_request_error', null, 'Unprocessable request.'],
  429: ['rate_limit_error', 'rate_limit_exceeded', 'Rate limit reached. Please try again later.'],
  500: ['server_error', 'server_error', 'The server had an error while processing your request.'],
  502: ['server_error', 'bad_gateway', 'Bad gateway.'],
  503: ['server_error', 'service_unavailable', 'The server is overloaded. Please try again later.'],
  504: ['server_error', 'gateway_timeout', 'Gateway timeout.'],
};

/** An error for a status, with the usual type, code and message for it unless given. */
export function statusError(status: number, o: { message?: string; code?: string | null; type?: string; param?: string | null; headers?: Record<string, string> } = {}): HttpError {
  const [type, code, message] = TYPES[status] ?? (status >= 500 ? TYPES[500] : TYPES[400]);
  return new HttpError(status, o.message ?? message, o.type ?? type, o.code === undefined ? code : o.code, o.param ?? null, o.headers);
}
