/**
 * Checks a whole stream of Responses events, incrementally: every event is
 * valid against the spec's event union (strict or tolerant), and the stream
 * follows the named rules of stream-rules.ts (applied by stream-engine.ts):
 * `sequence_number` increases, `response.created` comes first and exactly
 * one terminal event last (or the stream ends on `error`), indexes refer to
 * items and parts that were added, deltas join into the `.done` text, and
 * the rest of the table.
 *
 * Fed parsed events (`push`), only the event rules apply. Fed the SSE
 * messages of a raw stream (`pushMessage`, and `contentType` for an HTTP
 * answer), the framing rules apply too: JSON data, `event:` equal to the
 * data's type, the `[DONE]` terminator as the flavor practises it, no `id:`.
 *
 * A rule broken at level `error` is an error in both modes; `deviation` is
 * an error in strict mode and a warning in tolerant mode; `advisory` is a
 * warning in both. Each such issue has keyword `stream` and names its rule.
 */
import type { Issue } from './issues.js';
import type { Mode, SpecValidators } from './bind.js';
import { StreamRules, type FrameMessage } from './stream-engine.js';
import { RULE_LEVEL, type StreamRuleName } from './stream-rules.js';

export interface StreamIssue extends Issue {
  /** Index of the event (or SSE message) in the stream. */
  index: number;
  /** The stream rule broken (see STREAM_RULES); absent for an event that is not valid against its schema. */
  rule?: StreamRuleName;
}

export interface StreamResult {
  ok: boolean;
  errors: StreamIssue[];
  warnings: StreamIssue[];
  /** Number of events seen, and of responses (segments) they formed. */
  events: number;
  responses: number;
}

export interface StreamCheckOptions {
  mode?: Mode;
  /** The event union's schema name (default `ResponseStreamEvent`). */
  eventSchema?: string;
  /** Whether a raw stream must end with `data: [DONE]` (default: the spec's practice, DONE_PRACTICE). */
  terminator?: 'required' | 'optional';
}

export class StreamChecker {
  private readonly errors: StreamIssue[] = [];
  private readonly warnings: StreamIssue[] = [];
  private readonly mode: Mode;
  private readonly schema: string;
  private readonly rules: StreamRules;

  constructor(
    private readonly validators: SpecValidators,
    options: StreamCheckOptions = {},
  ) {
    this.mode = options.mode ?? 'tolerant';
    this.schema = options.eventSchema ?? 'ResponseStreamEvent';
    this.rules = new StreamRules((rule, index, pointer, message) => this.found(rule, index, pointer, message), { spec: validators.flavor ?? validators.spec, terminator: options.terminator });
  }

  private found(rule: StreamRuleName, index: number, pointer: string, message: string): void {
    const issue: StreamIssue = { index, pointer, keyword: 'stream', message, rule };
    const level = RULE_LEVEL[rule];
    (level === 'error' || (level === 'deviation' && this.mode === 'strict') ? this.errors : this.warnings).push(issue);
  }

  /** One parsed event. */
  push(event: unknown): void {
    const index = this.rules.index;
    const r = this.validators.validate(this.schema, event, { mode: this.mode });
    for (const w of r.warnings) this.warnings.push({ ...w, index });
    if (!r.ok) for (const e of r.errors) this.errors.push({ ...e, index });
    this.rules.event(event);
  }

  /** The Content-Type of the HTTP answer the stream came in. */
  contentType(value: string | null | undefined): void {
    this.rules.contentType(value);
  }

  /** One SSE message of a raw stream (as the SSE decoder gives it): framing rules, then the event it carries. */
  pushMessage(msg: FrameMessage): void {
    if (!this.rules.frame(msg)) return;
    let event: unknown;
    try {
      event = JSON.parse(msg.data);
    } catch (e) {
      return this.rules.notJson(msg, e as Error);
    }
    this.rules.eventField(msg, event);
    this.push(event);
  }

  end(): StreamResult {
    this.rules.end();
    const events = this.rules.index;
    return { ok: this.errors.length === 0, errors: [...this.errors], warnings: [...this.warnings], events, responses: this.rules.responses };
  }
}

export function validateStream(validators: SpecValidators, events: Iterable<unknown>, options: StreamCheckOptions = {}): StreamResult {
  const checker = new StreamChecker(validators, options);
  for (const e of events) checker.push(e);
  return checker.end();
}
