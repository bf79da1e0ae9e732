/**
 * A request the mock server received, as tests read it back
 * (`server.requests`). Typed without Node's own types, so projects that use
 * the testkit need no @types/node.
 */
export interface ReceivedRequest {
  method: string;
  /** The path and query, as sent (`/v1/responses`). */
  url: string;
  /** Header names in lower case, as Node gives them. */
  headers: Record<string, string | string[] | undefined>;
  /** The body parsed as JSON; undefined when there was none, it was not JSON, or it was dropped. */
  body: unknown;
  /** The body as text ('' when there was none, it was over `maxBodyBytes`, or it was dropped). */
  rawBody: string;
  /** True when the body was not kept: the log keeps `maxLoggedBodyChars` of bodies (see MOCK_DEFAULTS). */
  bodyDropped?: boolean;
}
