/** Everything one mock server holds while it runs, shared by its route handlers. */
import type { SpecCheck } from './check.js';
import type { Fault } from './faults.js';
import type { BodyPool } from './http.js';
import { RequestLog } from './log.js';
import type { ResolvedOptions } from './options.js';
import { Ids } from './shapes.js';
import { Store } from './store.js';
import type { Turn } from './turns.js';

export class ServerState {
  readonly ids = new Ids();
  readonly store: Store;
  readonly log: RequestLog;
  /** The bytes of request bodies being read or handled now (bounded by maxInFlightBodyBytes). */
  readonly bodies: BodyPool;
  readonly script: Turn[];
  readonly faults: Fault[];

  constructor(
    readonly options: ResolvedOptions,
    readonly check: SpecCheck,
  ) {
    this.script = options.script;
    this.faults = options.faults;
    this.store = new Store(options);
    this.log = new RequestLog(options.maxLoggedRequests, options.maxLoggedBodyChars);
    this.bodies = { used: 0, max: options.maxInFlightBodyBytes };
  }
}
