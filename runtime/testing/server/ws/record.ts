/** Records what a WebSocket connection received in `server.requests`, as handler.ts records requests (the observer's failures ignored). */
import type { ReceivedRequest } from '../received.js';
import type { ServerState } from '../state.js';

export function record(state: ServerState, received: ReceivedRequest): void {
  state.requests.push(received);
  try {
    const r: unknown = state.options.onRequest?.(received);
    if (r && typeof (r as Promise<unknown>).then === 'function') (r as Promise<unknown>).then(undefined, () => {});
  } catch {
    // ignored: the observer's failure is not the client's
  }
}
