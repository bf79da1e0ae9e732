/**
 * Which WebSocket to use, without a dependency: the one passed in
 * (`connect(model, { WebSocket })`), else the runtime's own (browsers, Bun,
 * Deno, Node 22+), else on Node 20 the `ws` package found at run time from
 * where anyresponses is installed, through `process.getBuiltinModule`: no
 * import or require a bundler could see, so no warning and nothing added
 * to the package's dependencies. Headers (the API key) go to the handshake
 * where the implementation takes them: ws, Bun's and undici's (Node 22+)
 * take `{ headers }` as a second argument; a browser's takes none, so a
 * connection that needs one is refused there before any traffic.
 */
import { WebSocketUnavailableError } from './errors.js';

/** The part of the standard WebSocket API the session uses. */
export interface WebSocketLike {
  readonly readyState: number;
  binaryType: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'message' | 'close' | 'error', listener: (event: any) => void): void;
}

export type WebSocketConstructor = new (url: string, protocols?: any, options?: any) => WebSocketLike;

export interface FoundWebSocket {
  WebSocket: WebSocketConstructor;
  /** Where it came from: the option, the runtime, or the ws package. */
  source: 'option' | 'runtime' | 'ws';
  /** Whether it takes `{ headers }` (and ws's `maxPayload`) as its second argument. */
  takesOptions: boolean;
}

type Global = { WebSocket?: WebSocketConstructor; Bun?: unknown; Deno?: unknown; process?: { versions?: { node?: string }; getBuiltinModule?: (id: string) => any } };

/** Bun, Deno and Node, whose WebSockets take headers; a browser's (or a worker's) does not. */
const serverRuntime = (g: Global) => !!(g.Bun || g.Deno || g.process?.versions?.node);

let fromPackage: WebSocketConstructor | null | undefined;

/** The `ws` package, resolved from this module's place (a project's node_modules), or null. */
function wsPackage(g: Global): WebSocketConstructor | null {
  if (fromPackage !== undefined) return fromPackage;
  fromPackage = null;
  try {
    const mod = g.process?.getBuiltinModule?.('node:module');
    const required = mod?.createRequire(import.meta.url)('ws');
    const ctor = (typeof required === 'function' ? required : required?.WebSocket) as WebSocketConstructor | undefined;
    if (typeof ctor === 'function') fromPackage = ctor;
  } catch {
    // not installed: fromPackage stays null
  }
  return fromPackage;
}

export function findWebSocket(given?: WebSocketConstructor): FoundWebSocket {
  const g = globalThis as Global;
  if (given !== undefined) {
    if (typeof given !== 'function') throw new WebSocketUnavailableError(`the WebSocket option must be a constructor (the ws package's WebSocket, or a runtime's), got ${typeof given}`);
    return given === g.WebSocket ? { WebSocket: given, source: 'runtime', takesOptions: serverRuntime(g) } : { WebSocket: given, source: 'option', takesOptions: true };
  }
  if (typeof g.WebSocket === 'function') return { WebSocket: g.WebSocket, source: 'runtime', takesOptions: serverRuntime(g) };
  const ws = wsPackage(g);
  if (ws) return { WebSocket: ws, source: 'ws', takesOptions: true };
  throw new WebSocketUnavailableError(
    `this runtime has no WebSocket (Node ${g.process?.versions?.node ?? '?'} has one from version 22): install the ws package beside anyresponses (npm install ws), or pass one: connect(model, { WebSocket })`,
  );
}

/** A new socket: the standard call where no header is needed, else the implementation's options (headers, and for ws a payload bound with no compression and no redirects). */
export function newSocket(found: FoundWebSocket, url: string, headers: Record<string, string>, maxPayload: number, provider: string): WebSocketLike {
  const names = Object.keys(headers);
  if (!found.takesOptions) {
    if (names.length > 0) {
      throw new WebSocketUnavailableError(
        `${provider}: this runtime's WebSocket cannot send headers (a browser's never can), and this connection needs ${names.join(', ')}: connect through a server of your own that adds them, or connect without a key where the server allows it`,
        { provider },
      );
    }
    return new found.WebSocket(url);
  }
  const options: Record<string, unknown> = { headers };
  if (found.source !== 'runtime') Object.assign(options, { maxPayload: Number.isFinite(maxPayload) ? maxPayload : 0, perMessageDeflate: false, followRedirects: false });
  return names.length === 0 && found.source === 'runtime' ? new found.WebSocket(url) : new found.WebSocket(url, options);
}
