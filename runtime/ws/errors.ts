/**
 * The errors WebSocket mode adds to the hierarchy. A socket that closes
 * under a turn is an APIConnectionError (`WebSocketClosedError`): the turn
 * had been sent, the server may have run it, and it is never sent again by
 * itself. The others are refusals before any traffic.
 */
import { AnyResponsesError, APIConnectionError, ConfigurationError, type ErrorInit } from '../core/errors.js';

/** The socket closed (the server dropped it, the network failed, a close frame came) while a turn was in flight or being opened. */
export class WebSocketClosedError extends APIConnectionError {
  /** The close code (1006: closed without a close frame) and the server's reason. */
  readonly closeCode: number;
  readonly closeReason: string;
  constructor(message: string, closeCode: number, closeReason: string, init: ErrorInit = {}) {
    super(message, init);
    this.closeCode = closeCode;
    this.closeReason = closeReason;
  }
}

/** The session was closed (by close(), its signal, or a socket it may not reopen); nothing more is sent on it. */
export class SessionClosedError extends AnyResponsesError {}

/** More turns waiting than the session's maxQueuedTurns. */
export class QueueFullError extends AnyResponsesError {
  constructor(
    readonly max: number,
    provider?: string,
  ) {
    super(`${provider ? `${provider}: ` : ''}${max} turns are already waiting on this session (maxQueuedTurns); await some before creating more, or raise it in connect()`, { provider });
  }
}

/** No WebSocket implementation here (Node 20 without the `ws` package), or one that cannot do what the provider needs (send headers). */
export class WebSocketUnavailableError extends ConfigurationError {}
