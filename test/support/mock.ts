/**
 * Talking to the mock server in tests with plain fetch, and checking what it
 * sent strictly against its flavor's spec (the package's own validators,
 * imported through the package name as a user would).
 */
import * as openai from 'anyresponses/openai';
import * as openresponses from 'anyresponses/openresponses';
import type { MockServer } from 'anyresponses/testing';

type Json = Record<string, any>;
export const SPECS = { openai, openresponses } as const;
export const RESPONSE = { openai: 'Response', openresponses: 'ResponseResource' } as const;

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json?: Json;
  /** For event streams: the `data:` payloads parsed (a line that does not parse is kept as a string), without the `[DONE]` terminator. */
  events?: Array<Json | string>;
  /** For event streams: whether the last `data:` was `[DONE]`. */
  done?: boolean;
}

export async function call(server: MockServer, path: string, init: { method?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const res = await fetch(server.url + path, {
    method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
    headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
    body: init.raw ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
  });
  const text = await res.text();
  const answer: Answer = { status: res.status, headers: res.headers, text };
  if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    const data = text.split('\n').filter((l) => l.startsWith('data: '));
    answer.done = data.at(-1) === 'data: [DONE]';
    answer.events = data
      .filter((l) => l !== 'data: [DONE]')
      .map((l) => {
        try {
          return JSON.parse(l.slice(6)) as Json;
        } catch {
          return l.slice(6);
        }
      });
  } else if (text) {
    answer.json = JSON.parse(text) as Json;
  }
  return answer;
}

export const create = (server: MockServer, body: Json, headers?: Record<string, string>) => call(server, '/responses', { body, headers });

/** Strict problems of a response body, or of the body `schema` names (pointer: message), [] when valid. */
export function responseProblems(flavor: keyof typeof SPECS, value: unknown, schema: string = RESPONSE[flavor]): string[] {
  const r = (SPECS[flavor].validate as (name: string, value: unknown, o: { mode: 'strict' }) => { ok: boolean; errors: Array<{ pointer: string; message: string }> })(schema, value, { mode: 'strict' });
  return r.ok ? [] : r.errors.map((e) => `${e.pointer}: ${e.message}`);
}

/** Strict problems of a whole stream, [] when valid. */
export function streamProblems(flavor: keyof typeof SPECS, events: unknown[]): string[] {
  const r = SPECS[flavor].validateStream(events, { mode: 'strict' });
  return r.ok ? [] : r.errors.map((e) => `event ${e.index} ${e.pointer}: ${e.message}`);
}

export const weatherTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] }, days: { type: 'integer', minimum: 1, maximum: 7 } }, required: ['city', 'unit', 'days'], additionalProperties: false },
  strict: true,
};
