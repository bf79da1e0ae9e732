/**
 * `startMockServer(options)`: a local Responses API server that speaks one
 * flavor (openresponses or openai) as its spec says, for tests and demos.
 * See options.ts for what it takes, turns.ts for scripts, faults.ts for
 * fault injection, model.ts for the models.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpecCheck } from './check.js';
import { checkFault, type Fault } from './faults.js';
import { handle } from './handler.js';
import { resolveOptions, type Flavor, type MockServerOptions } from './options.js';
import type { ReceivedRequest } from './received.js';
import { ServerState } from './state.js';
import { replayPath } from './replay.js';
import { checkScript, type Turn } from './turns.js';
import { attachWebSocket } from './ws/index.js';
import { InvalidOptionError } from 'anyresponses';

export interface MockServer {
  /** The base URL, with `/v1` (`http://127.0.0.1:PORT/v1`): pass it as `apiBase` or openai-node's `baseURL`. */
  url: string;
  port: number;
  flavor: Flavor;
  /**
   * The requests received, in order: the newest `maxLoggedRequests`, with their bodies within
   * `maxLoggedBodyChars` (see MOCK_DEFAULTS).
   */
  requests: ReceivedRequest[];
  /** Adds turns to the end of the `scripted` model's queue. */
  enqueue(...turns: Turn[]): void;
  /** Adds faults for the next requests, one each. */
  inject(...faults: Fault[]): void;
  close(): Promise<void>;
}

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const resolved = resolveOptions(options);
  checkReplays(checkScript(resolved.script, 'script'), resolved.scriptDir, 'script');
  checkFaults(resolved.faults, 'faults');
  const state = new ServerState(resolved, resolved.spec ? SpecCheck.fromModule(resolved.spec, resolved.flavor) : await SpecCheck.load(resolved.flavor));
  const server = createServer((req, res) => void handle(state, req, res));
  // WebSocket mode on the same port: upgrades on /v1/responses (ws/).
  const sockets = attachWebSocket(server, state);
  server.requestTimeout = resolved.requestTimeoutMs;
  server.headersTimeout = Math.min(resolved.requestTimeoutMs, 60_000);
  server.timeout = resolved.idleTimeoutMs;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => (server.off('error', reject), resolve()));
  });
  const { port } = server.address() as AddressInfo;
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  return {
    url: `http://${host}:${port}/v1`,
    port,
    flavor: resolved.flavor,
    requests: state.log.entries,
    enqueue: (...turns) => state.script.push(...checkReplays(checkScript(turns, 'enqueue'), resolved.scriptDir, 'enqueue')),
    inject: (...faults) => state.faults.push(...checkFaults(faults, 'inject')),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        sockets.closeAll();
      }),
  };
}

/** Refuses a script whose replay paths leave `dir`, naming the turn. */
function checkReplays(turns: Turn[], dir: string, source: string): Turn[] {
  turns.forEach((t, i) => {
    if (typeof t !== 'object' || t.replay === undefined) return;
    const path = replayPath(dir, t.replay);
    if (path instanceof Error) throw new InvalidOptionError(`${source}: /${i}/replay: ${path.message}`, 'script');
  });
  return turns;
}

function checkFaults(faults: unknown[], source: string): Fault[] {
  faults.forEach((f, i) => {
    const problem = checkFault(f);
    if (problem) throw new InvalidOptionError(`${source}: /${i}${problem.pointer}: ${problem.message}`, source);
  });
  return faults as Fault[];
}

export type { MockServerOptions, Flavor } from './options.js';
export type { Fault } from './faults.js';
export type { Turn, TurnObject, ToolCallTurn, ErrorTurn } from './turns.js';
export type { ReceivedRequest } from './received.js';
export { checkScript } from './turns.js';
export { MOCK_DEFAULTS } from './options.js';
export { WS_MOCK_DEFAULTS } from './ws/options.js';
