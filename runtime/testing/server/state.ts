/** Everything one mock server holds while it runs, shared by its route handlers. */
import type { IncomingHttpHeaders } from 'node:http';
import type { SpecCheck } from './check.js';
import type { Fault } from './faults.js';
import type { ResolvedOptions } from './options.js';
import { Ids } from './shapes.js';
import { Store } from './store.js';
import type { Turn } from './turns.js';

/** A request the server received, as tests read it back. */
export interface ReceivedRequest {
  method: string;
  /** The path and query, as sent (`/v1/responses`). */
  url: string;
  headers: IncomingHttpHeaders;
  /** The body parsed as JSON; undefined when there was none or it was not JSON. */
  body: unknown;
  /** The body as text. */
  rawBody: string;
}

export class ServerState {
  readonly ids = new Ids();
  readonly store = new Store();
  readonly requests: ReceivedRequest[] = [];
  readonly script: Turn[];
  readonly faults: Fault[];

  constructor(
    readonly options: ResolvedOptions,
    readonly check: SpecCheck,
  ) {
    this.script = options.script;
    this.faults = options.faults;
  }
}
