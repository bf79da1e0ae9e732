/** `anyresponses/testing`: helpers for users' own tests. */
export { installMatchers, matchers } from './matchers.js';
export { startMockServer, checkScript, MOCK_DEFAULTS, type MockServer, type MockServerOptions, type Fault, type Turn, type TurnObject, type ReceivedRequest } from './server/index.js';
