/**
 * What a scenario works with: sending requests (each recorded for the
 * report), checking answers (status, content type, the spec's schemas
 * strictly then tolerantly, the stream rules on every stream), and adding
 * findings. Strict mode first: when it passes there is nothing to add; when
 * it does not, tolerant mode tells a deviation (a warning) from a failure.
 */
import type { StreamChecker, StreamCheckOptions, StreamIssue, ValidateOptions, ValidationResult } from '../../validation/index.js';
import { isObject, TERMINAL_EVENTS, type CheckName } from './checks.js';
import type { Answer, Sent, Session } from './http.js';
import { CONFORM_DEFAULTS, type ResolvedConformOptions } from './options.js';
import { abbreviate, foldTypes, type Exchange, type Finding } from './report.js';

type Json = Record<string, unknown>;

/** What conform needs of a generated spec module (`anyresponses/<flavor>`). */
export interface SpecModule {
  validate(name: string, value: unknown, options?: ValidateOptions): ValidationResult;
  validateError(value: unknown, options?: ValidateOptions): ValidationResult;
  createStreamChecker(options?: StreamCheckOptions): StreamChecker;
}

export const SCHEMAS = {
  openai: { response: 'Response', list: 'ResponseItemList', compact: 'CompactResource', tokens: 'TokenCountsResource' },
  openresponses: { response: 'ResponseResource', list: undefined, compact: 'CompactResource', tokens: undefined },
} as const;

/** Thrown by `skip`: the scenario stops, skipped, with the reason. */
export class Skip {
  constructor(readonly reason: string) {}
}

/** A response to check further: its value (when there is one), which answer holds it, and its pointer in that answer. */
export interface Target {
  value: Json | undefined;
  where: string;
  prefix: string;
}

export interface StreamRead {
  events: Json[];
  /** The response of the terminal event (value undefined when none came). */
  final: Target;
}

export class ScenarioContext {
  readonly findings: Finding[] = [];
  readonly exchanges: Exchange[] = [];
  readonly notes: string[] = [];
  judgement: string | undefined;

  constructor(
    readonly o: ResolvedConformOptions,
    /** The run's requests, budget and deadline (WebSocket scenarios count theirs here too). */
    readonly session: Session,
    readonly spec: SpecModule,
  ) {}

  /** When the run's deadline passes (ms since the epoch). */
  get deadline(): number {
    return this.session.deadline;
  }

  get flavor() {
    return this.o.flavor;
  }

  get schemas() {
    return SCHEMAS[this.o.flavor];
  }

  add(level: Finding['level'], rule: CheckName | 'schema' | string, where: string, message: string, pointer = ''): void {
    this.findings.push({ rule, level, where, pointer, message });
  }

  skip(reason: string): never {
    throw new Skip(reason);
  }

  note(text: string): void {
    this.notes.push(text);
  }

  /** Sends a request and records it; `where` names it in findings (`request N`). */
  async send(sent: Sent): Promise<{ answer: Answer; where: string }> {
    const answer = await this.session.send(sent);
    const max = CONFORM_DEFAULTS.maxReportString;
    const x: Exchange = { method: sent.method, path: sent.path, status: answer.status, contentType: answer.contentType, bytes: answer.bytes };
    if (sent.body !== undefined) x.body = abbreviate(sent.body, max);
    if (sent.headers) x.headers = sent.headers;
    if (answer.messages) {
      x.events = foldTypes(answer.messages.filter((m) => m.data !== '[DONE]').map((m) => m.event ?? typeOf(m.data)));
      x.done = answer.messages.some((m) => m.data === '[DONE]');
    } else if (answer.json !== undefined) x.received = abbreviate(answer.json, max);
    else if (answer.text) x.received = abbreviate(answer.text, max);
    if (answer.error) x.error = answer.error;
    this.exchanges.push(x);
    const where = `request ${this.exchanges.length}`;
    if (answer.error) this.add('fail', 'answered', where, answer.error);
    return { answer, where };
  }

  /** POST /responses with the run's model (unless the body names one). */
  create(body: Json, headers?: Record<string, string>): Promise<{ answer: Answer; where: string }> {
    return this.send({ method: 'POST', path: '/responses', body: { model: this.o.model, ...body }, ...(headers ? { headers } : {}) });
  }

  /** Validates a value strictly, then tolerantly when strict mode finds something; adds the findings; false when it fails even tolerantly. */
  validate(where: string, schema: string | 'error', value: unknown): boolean {
    const run = (mode: 'strict' | 'tolerant') => (schema === 'error' ? this.spec.validateError(value, { mode }) : this.spec.validate(schema, value, { mode }));
    if (run('strict').ok) return true;
    const t = run('tolerant');
    if (!t.ok) for (const e of t.errors) this.add('fail', 'schema', where, e.message, e.pointer);
    for (const w of t.warnings) this.add('deviation', 'schema', where, w.message, w.pointer);
    return t.ok;
  }

  /** A JSON answer: the wanted status, application/json, one JSON object, valid against `schema`. Returns the body when it is an object. */
  json(r: { answer: Answer; where: string }, schema: string | 'error' | undefined, want: (status: number) => boolean = (s) => s === 200, wanted = '200'): Json | undefined {
    const { answer, where } = r;
    if (answer.noAnswer) return undefined;
    if (!want(answer.status)) this.add('fail', 'http-status', where, `HTTP ${answer.status}, expected ${wanted}${errorSummary(answer.json)}`);
    if (!/^application\/json\b/i.test(answer.contentType ?? '')) {
      this.add(answer.json === undefined ? 'fail' : 'deviation', 'json-content-type', where, `Content-Type is ${answer.contentType ? `'${answer.contentType}'` : 'missing'}, expected application/json`);
    }
    if (!isObject(answer.json)) {
      if (answer.error === undefined) this.add('fail', 'json-body', where, answer.json === undefined ? `the body is not JSON: ${JSON.stringify((answer.text ?? '').slice(0, 80))}` : 'the body is JSON but not an object');
      return undefined;
    }
    if (schema !== undefined && want(answer.status)) this.validate(where, schema, answer.json);
    return answer.json;
  }

  /** A successful response body of the flavor's response schema. */
  response(r: { answer: Answer; where: string }): Target {
    return { value: this.json(r, this.schemas.response), where: r.where, prefix: '' };
  }

  /**
   * An event stream: HTTP 200, then every stream rule (framing included) and
   * every event's schema, strictly, then tolerantly when strict mode finds
   * something. `before` are events already seen (a resumed stream's start).
   */
  stream(r: { answer: Answer; where: string }, before: Json[] = []): StreamRead {
    const { answer, where } = r;
    const read: StreamRead = { events: [...before], final: { value: undefined, where, prefix: '/response' } };
    if (answer.noAnswer) return read;
    if (answer.status !== 200 || !answer.messages) {
      this.add('fail', 'http-status', where, `HTTP ${answer.status} ${answer.contentType ?? ''}, expected 200 with an event stream${errorSummary(answer.json)}`);
      return read;
    }
    const check = (mode: 'strict' | 'tolerant') => {
      const c = this.spec.createStreamChecker({ mode });
      for (const e of before) c.push(e);
      c.contentType(answer.contentType);
      for (const m of answer.messages!) c.pushMessage(m);
      return c.end();
    };
    const strict = check('strict');
    if (!strict.ok || strict.warnings.length > 0) {
      const t = strict.ok ? strict : check('tolerant');
      const at = (i: StreamIssue) => (i.rule === 'http-content-type' ? where : `${where} event ${i.index}`);
      for (const e of t.errors) this.add('fail', e.rule ?? 'schema', at(e), e.message, e.pointer);
      for (const w of t.warnings) this.add('deviation', w.rule ?? 'schema', at(w), w.message, w.pointer);
    }
    for (const m of answer.messages) {
      if (m.data === '[DONE]') continue;
      try {
        const e = JSON.parse(m.data) as unknown;
        if (isObject(e)) read.events.push(e);
      } catch {
        // a rule finding already
      }
    }
    for (let i = read.events.length - 1; i >= before.length; i--) {
      const e = read.events[i];
      if (!TERMINAL_EVENTS.has(String(e.type))) continue;
      if (isObject(e.response)) read.final = { value: e.response, where: `${where} event ${i}`, prefix: '/response' };
      break;
    }
    return read;
  }
}

function typeOf(data: string): string {
  const m = /"type"\s*:\s*"([^"]{1,80})"/.exec(data);
  return m ? m[1] : '(no type)';
}

/** `: <the error's message>` for an answer that is an error body. */
function errorSummary(body: unknown): string {
  const e = isObject(body) && isObject(body.error) ? body.error : undefined;
  return e && typeof e.message === 'string' ? `: ${e.message.slice(0, 200)}` : '';
}
