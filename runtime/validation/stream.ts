/**
 * Checks a whole stream of Responses events, incrementally:
 * - every event is valid against the spec's event union (strict or tolerant);
 * - `sequence_number` increases;
 * - `response.created` comes first, and exactly one terminal event
 *   (`response.completed` / `failed` / `incomplete`) comes last, or the
 *   stream ends on an `error` event;
 * - `output_index` and `content_index` refer to items and parts that were added;
 * - the deltas join into the text of the matching `.done` event.
 * A recording may hold several responses back to back: a `response.created`
 * right after a terminal event starts the next one.
 */
import type { Issue } from './issues.js';
import type { Mode, SpecValidators } from './bind.js';

export interface StreamIssue extends Issue {
  /** Index of the event in the stream. */
  index: number;
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
}

/** A response ends with one of these; an `error` event may come before `response.failed`, or end the stream itself. */
const TERMINAL = new Set(['response.completed', 'response.failed', 'response.incomplete']);

/** Delta event type prefix -> the field of its `.done` event that must equal the joined deltas, and how parts are keyed. */
const DELTAS: Record<string, { done: string; key: 'content' | 'summary' | 'item' }> = {
  'response.output_text': { done: 'text', key: 'content' },
  'response.refusal': { done: 'refusal', key: 'content' },
  'response.reasoning_text': { done: 'text', key: 'content' },
  'response.reasoning': { done: 'text', key: 'content' },
  'response.reasoning_summary_text': { done: 'text', key: 'summary' },
  'response.reasoning_summary': { done: 'text', key: 'summary' },
  'response.function_call_arguments': { done: 'arguments', key: 'item' },
  'response.custom_tool_call_input': { done: 'input', key: 'item' },
  'response.code_interpreter_call_code': { done: 'code', key: 'item' },
  'response.mcp_call_arguments': { done: 'arguments', key: 'item' },
};

type Ev = Record<string, unknown> & { type?: unknown };

export class StreamChecker {
  private readonly errors: StreamIssue[] = [];
  private readonly warnings: StreamIssue[] = [];
  private readonly mode: Mode;
  private readonly schema: string;
  private index = 0;
  private responses = 0;
  private lastSeq = -Infinity;
  private terminal = false;
  private started = false;
  private lastType = '';
  private items = new Set<number>();
  private parts = new Set<string>();
  private texts = new Map<string, string>();

  constructor(
    private readonly validators: SpecValidators,
    options: StreamCheckOptions = {},
  ) {
    this.mode = options.mode ?? 'tolerant';
    this.schema = options.eventSchema ?? 'ResponseStreamEvent';
  }

  /** A stream rule broken: an error when strict, and in tolerant mode too when `always` (the stream cannot be trusted). */
  private flag(message: string, pointer = '', always = true): void {
    const issue = { index: this.index, pointer, keyword: 'stream', message };
    (always || this.mode === 'strict' ? this.errors : this.warnings).push(issue);
  }

  push(event: unknown): void {
    const r = this.validators.validate(this.schema, event, { mode: this.mode });
    for (const w of r.warnings) this.warnings.push({ ...w, index: this.index });
    if (!r.ok) for (const e of r.errors) this.errors.push({ ...e, index: this.index });
    if (event !== null && typeof event === 'object') this.rules(event as Ev);
    this.index++;
  }

  private rules(e: Ev): void {
    const type = typeof e.type === 'string' ? e.type : '';
    if (this.terminal) {
      if (type === 'response.created') this.reset();
      else this.flag(`event '${type}' after the terminal event`);
    }
    if (!this.started) {
      this.started = true;
      this.responses++;
      if (type !== 'response.created') this.flag(`the first event is '${type}', expected 'response.created'`, '/type', false);
    }
    if (typeof e.sequence_number === 'number') {
      if (!(e.sequence_number > this.lastSeq)) this.flag(`sequence_number ${e.sequence_number} does not increase (previous ${this.lastSeq})`, '/sequence_number');
      this.lastSeq = e.sequence_number;
    }
    if (TERMINAL.has(type)) this.terminal = true;
    this.lastType = type;
    const out = typeof e.output_index === 'number' ? e.output_index : undefined;
    if (type === 'response.output_item.added' && out !== undefined) this.items.add(out);
    else if (out !== undefined && !this.items.has(out)) this.flag(`output_index ${out} refers to no item added so far`, '/output_index', false);
    const content = typeof e.content_index === 'number' ? e.content_index : undefined;
    if (out !== undefined && content !== undefined) {
      const part = `${out}/${content}`;
      if (type === 'response.content_part.added') this.parts.add(part);
      else if (!this.parts.has(part) && /^response\.(output_text|refusal|content_part)\./.test(type)) {
        this.flag(`content_index ${content} of output ${out} refers to no part added so far`, '/content_index', false);
      }
    }
    this.joinDeltas(type, e, out, content);
  }

  private joinDeltas(type: string, e: Ev, out: number | undefined, content: number | undefined): void {
    const dot = type.lastIndexOf('.');
    const spec = DELTAS[type.slice(0, dot)];
    if (!spec || out === undefined) return;
    const sub = spec.key === 'content' ? content : spec.key === 'summary' ? (e.summary_index as number | undefined) : 0;
    const key = `${type.slice(0, dot)}|${out}|${sub}`;
    const kind = type.slice(dot + 1);
    if (kind === 'delta' && typeof e.delta === 'string') this.texts.set(key, (this.texts.get(key) ?? '') + e.delta);
    else if (kind === 'done' && typeof e[spec.done] === 'string' && this.texts.has(key)) {
      const joined = this.texts.get(key)!;
      if (joined !== e[spec.done]) {
        this.flag(`the deltas join into ${JSON.stringify(short(joined))}, but '${type}' says ${JSON.stringify(short(e[spec.done] as string))}`, `/${spec.done}`, false);
      }
      this.texts.delete(key);
    }
  }

  private reset(): void {
    this.terminal = false;
    this.started = false;
    this.lastSeq = -Infinity;
    this.items = new Set();
    this.parts = new Set();
    this.texts = new Map();
  }

  end(): StreamResult {
    if (this.index === 0) this.flag('the stream is empty');
    else if (!this.terminal && this.lastType !== 'error') {
      this.flag('the stream ended without a terminal event (response.completed, response.failed, response.incomplete or error)');
    }
    return { ok: this.errors.length === 0, errors: [...this.errors], warnings: [...this.warnings], events: this.index, responses: this.responses };
  }
}

const short = (s: string) => (s.length > 80 ? s.slice(0, 77) + '...' : s);

export function validateStream(validators: SpecValidators, events: Iterable<unknown>, options: StreamCheckOptions = {}): StreamResult {
  const checker = new StreamChecker(validators, options);
  for (const e of events) checker.push(e);
  return checker.end();
}
