/**
 * How conform talks to the server: one plain `fetch` per request (no
 * retries, no request validation: some requests are wrong on purpose), each
 * bounded by the per-request timeout, the run's deadline, the request budget
 * and the answer size limit. An event stream is read chunk by chunk through
 * the SSE decoder, so how the server splits its bytes changes nothing.
 * Nothing here throws for what the server does: a failure is an Answer with
 * `error`.
 */
import { SSEDecoder, type SSEMessage } from '../../sse/decoder.js';
import type { ResolvedConformOptions } from './options.js';

export interface Sent {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Answer {
  sent: Sent;
  /** HTTP status; 0 when no answer came (see `error`). */
  status: number;
  contentType: string | null;
  /** Non-stream answers: the body text, and its JSON when it parses. */
  text?: string;
  json?: unknown;
  /** Event streams: the SSE messages, in order. */
  messages?: SSEMessage[];
  bytes: number;
  /** Why the answer is missing or incomplete: no connection, the timeout, the deadline, too large, the budget. */
  error?: string;
  /** True when the error struck before any HTTP answer arrived. */
  noAnswer?: boolean;
}

export class Session {
  requests = 0;
  /** Requests that got an HTTP answer (a status line), whatever it said. */
  answered = 0;
  readonly deadline: number;

  constructor(private readonly o: ResolvedConformOptions) {
    this.deadline = Date.now() + o.deadlineMs;
  }

  get expired(): boolean {
    return Date.now() >= this.deadline;
  }

  get budgetLeft(): number {
    return this.o.maxRequests - this.requests;
  }

  async send(sent: Sent): Promise<Answer> {
    const answer: Answer = { sent, status: 0, contentType: null, bytes: 0 };
    if (this.requests >= this.o.maxRequests) return { ...answer, error: `not sent: the run's budget of ${this.o.maxRequests} requests is spent`, noAnswer: true };
    const left = this.deadline - Date.now();
    if (left <= 0) return { ...answer, error: `not sent: the run's deadline (${this.o.deadlineMs} ms) has passed`, noAnswer: true };
    this.requests++;
    const timeout = Math.min(this.o.requestTimeoutMs, left);
    const why = timeout < this.o.requestTimeoutMs ? `the run's deadline (${this.o.deadlineMs} ms) passed` : `no complete answer within the request timeout (${this.o.requestTimeoutMs} ms)`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeout);
    const headers: Record<string, string> = { accept: 'application/json, text/event-stream', ...sent.headers };
    if (sent.body !== undefined) headers['content-type'] = 'application/json';
    if (this.o.apiKey) headers.authorization = `Bearer ${this.o.apiKey}`;
    try {
      let res: Response;
      try {
        res = await fetch(this.o.baseUrl + sent.path, { method: sent.method, headers, body: sent.body === undefined ? undefined : JSON.stringify(sent.body), signal: controller.signal });
      } catch (e) {
        return { ...answer, error: controller.signal.aborted ? why : `no answer: ${causeOf(e)}`, noAnswer: true };
      }
      this.answered++;
      answer.status = res.status;
      answer.contentType = res.headers.get('content-type');
      const sse = /^text\/event-stream/i.test(answer.contentType ?? '') || (isStreamRequest(sent) && res.status === 200);
      try {
        await this.read(res, answer, sse);
      } catch (e) {
        answer.error = controller.signal.aborted ? why : `the answer broke off: ${causeOf(e)}`;
      }
      return answer;
    } finally {
      clearTimeout(timer);
    }
  }

  private async read(res: Response, answer: Answer, sse: boolean): Promise<void> {
    const decoder = sse ? new SSEDecoder() : undefined;
    const chunks: Uint8Array[] = [];
    if (decoder) answer.messages = [];
    if (!res.body) return;
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        answer.bytes += value.length;
        if (answer.bytes > this.o.maxResponseBytes) {
          answer.error = `the answer passed the size limit (${this.o.maxResponseBytes} bytes) and was cut off`;
          await reader.cancel().catch(() => {});
          break;
        }
        if (decoder) answer.messages!.push(...decoder.push(value));
        else chunks.push(value);
      }
    } finally {
      reader.releaseLock();
    }
    if (decoder) {
      answer.messages!.push(...decoder.end());
      return;
    }
    answer.text = Buffer.concat(chunks).toString('utf8');
    if (answer.text) {
      try {
        answer.json = JSON.parse(answer.text);
      } catch {
        // left undefined: the checks say the body is not JSON
      }
    }
  }
}

const isStreamRequest = (s: Sent) => (s.body as { stream?: unknown } | undefined)?.stream === true || /[?&]stream=true\b/.test(s.path);

function causeOf(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  return err.cause?.code ?? err.cause?.message ?? err.message ?? String(e);
}

/** Waits, but not past the deadline. */
export const pause = (ms: number, deadline: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, Math.min(ms, deadline - Date.now()))));
