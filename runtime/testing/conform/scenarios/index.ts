/** Every scenario, in the order conform runs them. */
import { ERROR_SCENARIOS } from './errors.js';
import type { Scenario } from './inputs.js';
import { OPERATION_SCENARIOS } from './operations.js';
import { REQUEST_SCENARIOS } from './requests.js';
import { STREAM_SCENARIOS } from './streams.js';
import { WEBSOCKET_SCENARIOS } from './websocket.js';

export const SCENARIOS: readonly Scenario[] = [...REQUEST_SCENARIOS, ...STREAM_SCENARIOS, ...OPERATION_SCENARIOS, ...ERROR_SCENARIOS, ...WEBSOCKET_SCENARIOS];
export const SCENARIO_NAMES: readonly string[] = SCENARIOS.map((s) => s.name);
export type { Scenario } from './inputs.js';
