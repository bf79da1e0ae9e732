/**
 * What a turn sends and how what it receives is checked. Out: the
 * `response.create` message, built from the same parameters as
 * `responses()` and checked strictly, before anything is queued, against
 * the flavor's client message (OpenResponses' WebSocketResponseCreateEvent;
 * OpenAI's ResponsesClientEvent), with `stream`, `stream_options` and
 * `background` refused by name first (OpenAI's schema admits them; both
 * providers' documentation says they are not sent). In: each event as an
 * HTTP stream's events are checked (tolerant, deviations to onWarnings),
 * and the stream rules (StreamChecker) over each turn, whose errors fail
 * the turn at its terminal event and whose deviations are warnings.
 */
import { boundedIssues, type Boundary } from '../client/boundary.js';
import { buildBody } from '../client/params.js';
import { checkSupported, type Manifest } from '../client/providers.js';
import { ConfigurationError, UnsupportedParameterError } from '../core/errors.js';
import type { Limits } from '../core/limits.js';
import type { StreamEvent } from '../stream/accumulator.js';
import type { SpecValidators } from '../validation/bind.js';
import type { Issue } from '../validation/issues.js';
import { SpecValidationError } from '../validation/spec-error.js';
import { StreamChecker } from '../validation/stream.js';
import type { Validate } from '../client/validators.js';
import { SESSION_KEYS } from './options.js';

type Json = Record<string, unknown>;

/** Each flavor's WebSocket schemas: the client message, the events, the error event. */
export const WS_SCHEMAS = {
  openai: { create: 'ResponsesClientEvent', event: 'ResponsesServerEvent', error: 'ResponseWsError' },
  openresponses: { create: 'WebSocketResponseCreateEvent', event: 'ResponseStreamEvent', error: 'WebSocketErrorEvent' },
} as const;

/** What a WebSocket response.create must not carry, and why. */
export const DISALLOWED: Readonly<Record<string, string>> = {
  stream: 'every turn streams its events on the socket (session.create always returns a ResponseStream)',
  stream_options: 'there is no HTTP stream to configure',
  background: 'background responses are not available over WebSocket; use responses() over HTTP',
};

export interface Built {
  body: Json;
  text: string;
}

/** The message of one turn, checked; throws before any traffic. */
export function buildMessage(model: string, input: unknown, options: Json, manifest: Manifest, validate: Validate | undefined, limits: Limits): Built {
  for (const key of SESSION_KEYS) {
    if (options[key] !== undefined) throw new ConfigurationError(`${manifest.name}: '${key}' belongs to connect(), not to a turn: the socket is opened with it`, { provider: manifest.name });
  }
  const { body } = buildBody(model, input, options);
  for (const key of Object.keys(DISALLOWED)) {
    if (body[key] !== undefined) throw new UnsupportedParameterError(manifest.name, `${key} over WebSocket`, DISALLOWED[key]);
  }
  checkSupported(manifest, body, 'create');
  const message = { type: 'response.create', ...body };
  if (validate) {
    const schema = WS_SCHEMAS[manifest.flavor!].create;
    const r = validate(schema, message, { mode: 'strict' });
    // Top-level keys the spec does not know are provider-specific fields, passed through (as for HTTP).
    const errors = (r.errors ?? []).filter((e) => !(e.keyword === 'additionalProperties' && e.pointer.lastIndexOf('/') === 0));
    if (errors.length > 0) throw new SpecValidationError(schema, boundedIssues(errors, limits.maxIssues), 'the response.create message');
  }
  return { body, text: JSON.stringify(message) };
}

/** Rules only: the checker's own per-event validation is the one done already. */
function rulesOnly(spec: string): SpecValidators {
  const ok = (value: unknown) => ({ ok: true as const, value, warnings: [] as Issue[] });
  return { spec, names: [], validate: (_n, v) => ok(v), is: () => true, assert: () => undefined, validateError: (v) => ok(v) };
}

/** A turn's event checks: each event tolerantly, and the stream rules over the turn. */
export function eventChecks(flavor: 'openai' | 'openresponses', provider: string, validate: Validate, limits: Limits, boundary: Boundary, onWarnings?: (w: Issue[]) => void): { onEvent: (e: StreamEvent) => void; onErrorEvent: (e: Json) => void } {
  const schemas = WS_SCHEMAS[flavor];
  const warn = (w: Issue[]) => w.length > 0 && onWarnings?.(boundary.issues(w, limits.maxIssues));
  const rules = new StreamChecker(rulesOnly(flavor), { mode: 'tolerant' });
  return {
    onEvent(e) {
      const r = validate(schemas.event, e);
      if (!r.ok) throw new SpecValidationError(schemas.event, boundedIssues(r.errors ?? [], limits.maxIssues), `a ${provider} WebSocket event`);
      warn(r.warnings);
      rules.push(e);
      if (e.type === 'response.completed' || e.type === 'response.failed' || e.type === 'response.incomplete') {
        const end = rules.end();
        warn(end.warnings);
        if (!end.ok) throw new SpecValidationError('the stream rules', boundedIssues(end.errors, limits.maxIssues), `the ${provider} turn's events`);
      }
    },
    onErrorEvent(e) {
      warn(validate(schemas.error, e).warnings);
    },
  };
}
