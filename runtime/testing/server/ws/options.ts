/**
 * The mock server's WebSocket mode: every default and bound in one place.
 * A message's size is bounded by the server's own `maxBodyBytes` (a
 * message is a request body); these are the rest.
 */
const MiB = 1024 * 1024;

export const WS_MOCK_DEFAULTS = {
  /** The path (after an optional `/v1`) that accepts upgrades; any other is answered 404. */
  path: '/responses',
  /** One frame's payload; a larger one closes the socket with 1009 before it is read. */
  maxFrameBytes: 16 * MiB,
  /** Messages waiting behind the turn in progress; one more is answered with a 429 error event. */
  maxQueuedMessages: 16,
  /** Items a connection keeps of its latest response (its history and output), for store: false continuation. */
  maxLocalItems: 10_000,
  /** How long a closing socket waits for the client's close frame before it is destroyed (ms). */
  closeTimeoutMs: 1_000,
};
