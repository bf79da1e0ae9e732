/** `anyresponses/testing`: helpers for users' own tests. */
export { installMatchers, matchers, type SchemaMatchers } from './matchers.js';
export { startMockServer, checkScript, MOCK_DEFAULTS, WS_MOCK_DEFAULTS, type MockServer, type MockServerOptions, type Fault, type Turn, type TurnObject, type ReceivedRequest } from './server/index.js';
export { conform, renderText, renderMarkdown, CONFORM_DEFAULTS, ConformUsageError, CHECKS, SCENARIO_NAMES, type ConformOptions, type ConformMock, type ConformReport, type ScenarioReport, type Finding, type Exchange, type Verdict } from './conform/index.js';
export { STREAM_RULES, type StreamRule, type StreamRuleName, type StreamRuleLevel } from '../validation/index.js';
