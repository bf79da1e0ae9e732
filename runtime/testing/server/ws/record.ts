/** Records what a WebSocket connection received in `server.requests`, as handler.ts records requests (the log's bounds applied, the observer's failures ignored). */
import type { ReceivedRequest } from '../received.js';
import type { ServerState } from '../state.js';

export function record(state: ServerState, received: ReceivedRequest): void {
  state.log.add(received);
  try {
    const r: unknown = state.options.onRequest?.(received);
    if (r && typeof (r as Promise<unknown>).then === 'function') (r as Promise<unknown>).then(undefined, () => {});
  } catch {
    // ignored: the observer's failure is not the client's
  }
  state.log.trim();
}
