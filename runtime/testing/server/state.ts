/** Everything one mock server holds while it runs, shared by its route handlers. */
import type { SpecCheck } from './check.js';
import type { Fault } from './faults.js';
import type { ResolvedOptions } from './options.js';
import type { ReceivedRequest } from './received.js';
import { Ids } from './shapes.js';
import { Store } from './store.js';
import type { Turn } from './turns.js';

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
