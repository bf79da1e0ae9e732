export { bindSpec, DEFAULT_MODE } from './bind.js';
export { getSpec, loadSpec, registerSpec } from './registry.js';
export type { Mode, SpecTable, SpecValidators, ValidateOptions, ValidationResult, CompiledValidator } from './bind.js';
export { toIssues, describe } from './issues.js';
export type { Issue } from './issues.js';
export { SpecValidationError } from './spec-error.js';
export { StreamChecker, validateStream } from './stream.js';
export { Interpreter } from './interpret.js';
export { tolerantSchemas } from './tolerant-schemas.js';
export type { SchemaData } from './tolerant-schemas.js';
export { strictGuard, GUARD_KEYWORDS } from './guard.js';
export type { Guard, GuardSchema, GuardTable } from './guard.js';
export type { StreamCheckOptions, StreamIssue, StreamResult } from './stream.js';
export { StreamRules } from './stream-engine.js';
export { firstDifference } from './json-diff.js';
export type { FrameMessage, RuleSink } from './stream-engine.js';
export { STREAM_RULES, RULE_LEVEL, DONE_PRACTICE } from './stream-rules.js';
export type { StreamRule, StreamRuleLevel, StreamRuleName, StreamRuleScope } from './stream-rules.js';
// The linear-time automaton for patterns the generator judged super-linear (generated validators import it from here).
export { linearPattern, type LinearProgram, type PatternTester } from '../internal/linear-pattern.js';
// What ajv's standalone code requires, for the generated validators (which import this module alone).
export { equal, ucs2length } from './ajv-helpers.js';
export { VALIDATION_LIMITS } from './limits.js';
export { TOLERANT_MINIMUM } from './tolerant-minimum.js';
export type { TolerantMinimum } from './tolerant-minimum.js';
export { issueWork } from './work.js';
// toInputItems for a user's generated spec (its index.js binds its own input item table).
export { convertItems, flavorOption } from '../conversation/convert.js';
