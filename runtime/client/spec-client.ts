/**
 * `createSpecClient(spec, defaults, options)`: the client of one generated
 * spec module, for one server. It is what a generated `client.js` calls
 * (`anyresponses-codegen generate` writes one per spec with a `POST
 * .../responses` operation): the request is the spec's own request schema,
 * checked strictly before sending (an unknown top-level key, or what is
 * inside a namespaced extension value, passes), and what comes back is
 * checked tolerantly against the spec's response and event schemas, with
 * deviations passed to `onWarnings`. Transport, limits, retries, redaction
 * and streaming are the package's own (the same as `createClient`'s).
 *
 * The types come from the generated `client.d.ts`: `responses()` returns
 * the spec's response type, and a stream yields the spec's event union.
 */
import { callSignal, transportConfig } from './call-transport.js';
import { InvalidOptionError } from '../core/usage-errors.js';
import { InvalidArgumentError } from '../validation/error-base.js';
import type { Limits } from '../core/limits.js';
import { send } from '../core/transport.js';
import { setOutputText } from '../stream/output-text.js';
import { ResponseStream } from '../stream/response-stream.js';
import type { SpecValidators } from '../validation/bind.js';
import type { Issue } from '../validation/issues.js';
import { SpecValidationError } from '../validation/spec-error.js';
import { Boundary, boundedIssues } from './boundary.js';
import { CLIENT_DEFAULTS, jsonObject, limitsOf, sseEvents } from './client.js';
import { requestErrors } from './extensions.js';
import type { ClientArgs } from './params.js';
import { connect, type Manifest } from './providers.js';

type Json = Record<string, unknown>;

/** What a generated spec module says about itself (`SPEC` in its index.js). */
export interface SpecDescriptor {
  /** The spec's name (`openresponses`, or the `name` of the codegen config). */
  readonly name: string;
  /** The flavor it follows: `openresponses` or `openai` (what its streams and shapes are like). */
  readonly flavor?: string;
  /** Schema names by role: `request`, `response`, `event`, `error`, `compactRequest`, `compact`, ... */
  readonly schemas: Readonly<Record<string, string | undefined>>;
  /** Paths by operation: `create` (`/responses`), `compact`, ... relative to the base URL. */
  readonly paths: Readonly<Record<string, string | undefined>>;
}

/** A generated spec module, as the runtime uses it (the mock server takes the same). */
export interface GeneratedSpec {
  readonly SPEC: SpecDescriptor;
  specValidators(): SpecValidators;
}

/** The provider's defaults, from the codegen config (`baseURL`, `auth`): written into the generated client. */
export interface SpecClientDefaults {
  /** The server's base URL (with its `/v1`, if any). */
  readonly baseURL?: string;
  /** An environment variable that overrides `baseURL`. */
  readonly baseURLEnv?: string;
  /** How the key is sent: `Authorization: Bearer KEY`, a header of its own, or not at all; `env` names the variable it is read from. */
  readonly auth?: { readonly style: 'bearer' | 'header' | 'none'; readonly header?: string; readonly env?: string; readonly required?: boolean };
}

export interface SpecClientOptions {
  apiKey?: string;
  /** Base URL, overriding the generated default and its env var. */
  apiBase?: string;
  clientArgs?: ClientArgs;
  /** Bounds on every call (see LIMITS); a call's own `limits` win. */
  limits?: Partial<Limits>;
  /** Validate requests strictly and what comes back tolerantly (default true). */
  validate?: boolean;
  env?: Record<string, string | undefined>;
  /** Called with the deviations the server made in what it sent (tolerant validation). */
  onWarnings?: (warnings: Issue[]) => void;
}

export interface SpecCallOptions {
  signal?: AbortSignal;
  /** This call's timeout in ms (`limits.timeoutMs`). */
  timeout?: number;
  limits?: Partial<Limits>;
  clientArgs?: ClientArgs;
  onWarnings?: (warnings: Issue[]) => void;
}

type AsEvent<E> = E extends { type: string; [key: string]: unknown } ? E : never;
type AsResponse<R> = R extends Json ? R : R & Json;

/** The client of one spec: its request type in, its response type (or a stream of its events) out. */
export interface SpecClient<Req, Res, Ev> {
  /** What the spec module says about itself. */
  readonly spec: SpecDescriptor;
  /** Creates a response; with `stream: true`, a ResponseStream of the spec's events. */
  responses(body: Req & { stream: true }, options?: SpecCallOptions): Promise<ResponseStream<AsEvent<Ev>, AsResponse<Res>>>;
  responses(body: Req & { stream?: false | null }, options?: SpecCallOptions): Promise<Res & { output_text: string }>;
  responses(body: Req, options?: SpecCallOptions): Promise<(Res & { output_text: string }) | ResponseStream<AsEvent<Ev>, AsResponse<Res>>>;
}

const role = (spec: GeneratedSpec, name: string, what: string): string => {
  const schema = spec.SPEC.schemas[name];
  if (!schema) throw new InvalidOptionError(`the spec '${spec.SPEC.name}' has no ${what}: the client needs a POST .../responses operation with a JSON request body and response`, 'spec');
  return schema;
};

/** The client of a generated spec module. Generated `client.js` files call it with their defaults. */
export function createSpecClient(spec: GeneratedSpec, defaults: SpecClientDefaults = {}, options: SpecClientOptions = {}): SpecClient<any, any, any> {
  if (!spec || typeof spec.specValidators !== 'function' || !spec.SPEC) throw new InvalidOptionError('createSpecClient: expected a generated spec module (with SPEC and specValidators)', 'spec');
  const path = spec.SPEC.paths.create;
  if (!path) throw new InvalidOptionError(`the spec '${spec.SPEC.name}' has no POST .../responses operation: there is nothing to call`, 'spec');
  const names = { request: role(spec, 'request', 'request schema'), response: role(spec, 'response', 'response schema'), event: spec.SPEC.schemas.event };
  const manifest: Manifest = {
    name: spec.SPEC.name,
    responses: true,
    baseURL: defaults.baseURL,
    env: { apiKey: defaults.auth?.env, baseURL: defaults.baseURLEnv },
    auth: { style: defaults.auth?.style ?? 'bearer', header: defaults.auth?.header, required: defaults.auth?.required ?? false },
  };
  const responses = (body: Json, call: SpecCallOptions = {}): Promise<unknown> => {
    const merged = { ...options, ...call, clientArgs: { ...options.clientArgs, ...call.clientArgs } };
    const boundary = new Boundary(merged);
    return boundary.run(async () => {
      if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new InvalidArgumentError(`${spec.SPEC.name}: responses() takes the request body, an object of the spec's ${names.request}`);
      const limits = limitsOf(options, call);
      const conn = connect(manifest, merged, merged.env ?? CLIENT_DEFAULTS.env);
      boundary.connected(conn, manifest.auth?.header);
      const validators = merged.validate ?? CLIENT_DEFAULTS.validate ? spec.specValidators() : undefined;
      if (validators) {
        const r = validators.validate(names.request, body, { mode: 'strict' });
        const errors = r.ok ? [] : requestErrors(body, r.errors);
        if (errors.length > 0) throw new SpecValidationError(names.request, boundedIssues(errors, limits.maxIssues), 'the request');
      }
      const stream = body.stream === true;
      const { controller, signal } = callSignal(call.signal, stream);
      const res = await send(
        transportConfig(manifest.name, conn, merged.clientArgs, stream, limits),
        { method: 'POST', path, body, signal },
      );
      const onWarnings = merged.onWarnings;
      const warn = (w: Issue[]) => w.length > 0 && onWarnings?.(boundary.issues(w, limits.maxIssues));
      if (stream) {
        const event = names.event;
        return new ResponseStream(sseEvents(res, manifest.name, signal!, limits), controller!, {
          provider: manifest.name,
          maxIndex: limits.maxIndex,
          redact: (e) => boundary.error(e),
          onEvent:
            validators && event
              ? (e) => {
                  const r = validators.validate(event, e);
                  if (!r.ok) throw new SpecValidationError(event, boundedIssues(r.errors, limits.maxIssues), `a ${manifest.name} stream event`);
                  warn(r.warnings);
                }
              : undefined,
        });
      }
      const payload = await jsonObject(res, manifest.name);
      if (validators) {
        const r = validators.validate(names.response, payload);
        if (!r.ok) throw new SpecValidationError(names.response, boundedIssues(r.errors, limits.maxIssues), `the ${manifest.name} response`);
        warn(r.warnings);
      }
      return setOutputText(payload);
    });
  };
  return { spec: spec.SPEC, responses } as SpecClient<any, any, any>;
}
