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
  /** The body parsed as JSON; undefined when there was none or it was not JSON. */
  body: unknown;
  /** The body as text ('' when it was too large to keep). */
  rawBody: string;
}
