/**
 * What `conform(options)` and `anyresponses conform` take, and every default
 * and limit in one place (`CONFORM_DEFAULTS`). Bad options throw a
 * ConformUsageError naming the option (the command exits 2).
 */
import type { Turn } from '../server/turns.js';
import { ConfigurationError } from 'anyresponses';

export type Flavor = 'openresponses' | 'openai';

/** Our mock server, when it is the target: judgement scenarios queue scripted turns, mock-only ones use its faults. */
export interface ConformMock {
  url: string;
  /** A chat-flavored mock server is refused (conform checks the Responses API). */
  flavor: Flavor | 'chat';
  enqueue(...turns: Turn[]): void;
}

export interface ConformOptions {
  /** The server's base URL, up to and including the version (`http://localhost:1234/v1`); POSTs go to `${baseUrl}/responses`. Default: the mock's URL. */
  baseUrl?: string;
  /** Which spec the server claims to speak. Default: the mock's flavor, else openresponses. */
  flavor?: Flavor;
  /** The model every request names. Required unless `mock` is given (then `echo`). */
  model?: string;
  /** Sent as `Authorization: Bearer KEY`; never printed. */
  apiKey?: string;
  /** Run only these scenarios (by name). Default: all. */
  only?: string[];
  /** The target is our mock server (see ConformMock); scenarios that need a model's judgement or a fault use it. */
  mock?: ConformMock;
  /** Deviations (passes tolerant, not strict) do not fail the run: exit 0. Default false. */
  allowDeviations?: boolean;
  /** Limits; see CONFORM_DEFAULTS. */
  requestTimeoutMs?: number;
  deadlineMs?: number;
  maxRequests?: number;
  maxResponseBytes?: number;
  pollIntervalMs?: number;
  maxPolls?: number;
}

export const CONFORM_DEFAULTS = {
  flavor: 'openresponses' as Flavor,
  /** The model the mock answers with (the echo model) when `mock` is given and `model` is not. */
  mockModel: 'echo',
  /** One request, from sending it to the last byte of its answer (a stream included). */
  requestTimeoutMs: 60_000,
  /** The whole run: what is still running then is cut off, what has not started is skipped. */
  deadlineMs: 300_000,
  /** Requests the whole run may send (background polling included). */
  maxRequests: 80,
  /** An answer larger than this is cut off and fails its scenario. */
  maxResponseBytes: 16 * 1024 * 1024,
  /** Background responses: the pause between polls, and how many polls before giving up. */
  pollIntervalMs: 500,
  maxPolls: 10,
  /** Findings listed per scenario (the rest are counted). */
  maxFindings: 40,
  /** Strings longer than this are shortened in the report's copies of what was sent and received. */
  maxReportString: 160,
};

/** Options `conform()` cannot run with (no base URL, an unknown scenario, a bad limit). */
export class ConformUsageError extends ConfigurationError {}

export interface ResolvedConformOptions {
  baseUrl: string;
  flavor: Flavor;
  model: string;
  apiKey: string | undefined;
  only: string[] | undefined;
  mock: ConformMock | undefined;
  allowDeviations: boolean;
  requestTimeoutMs: number;
  deadlineMs: number;
  maxRequests: number;
  maxResponseBytes: number;
  pollIntervalMs: number;
  maxPolls: number;
}

const FLAVORS: readonly Flavor[] = ['openresponses', 'openai'];

export function resolveConformOptions(o: ConformOptions, scenarioNames: readonly string[]): ResolvedConformOptions {
  const baseUrl = (o.baseUrl ?? o.mock?.url ?? '').replace(/\/+$/, '');
  if (!baseUrl) throw new ConformUsageError('baseUrl is required (the server to check, such as http://localhost:1234/v1)');
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ConformUsageError(`baseUrl '${baseUrl}' is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConformUsageError(`baseUrl must be http or https, not '${url.protocol}'`);
  const flavor = o.flavor ?? o.mock?.flavor ?? CONFORM_DEFAULTS.flavor;
  if (!FLAVORS.includes(flavor as Flavor)) throw new ConformUsageError(`flavor must be one of ${FLAVORS.join(', ')}, not '${String(flavor)}'`);
  const model = o.model ?? (o.mock ? CONFORM_DEFAULTS.mockModel : undefined);
  if (!model) throw new ConformUsageError('model is required (the model every request names), unless the target is the mock server');
  const unknown = (o.only ?? []).filter((n) => !scenarioNames.includes(n));
  if (unknown.length) throw new ConformUsageError(`unknown scenario${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `'${n}'`).join(', ')}; known: ${scenarioNames.join(', ')}`);
  const limit = (name: keyof typeof CONFORM_DEFAULTS & keyof ConformOptions, min: number): number => {
    const v = (o[name] as number | undefined) ?? (CONFORM_DEFAULTS[name] as number);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min) throw new ConformUsageError(`${name} must be a number >= ${min}, not ${JSON.stringify(v)}`);
    return v;
  };
  return {
    baseUrl,
    flavor: flavor as Flavor,
    model,
    apiKey: o.apiKey,
    only: o.only?.length ? o.only : undefined,
    mock: o.mock,
    allowDeviations: o.allowDeviations ?? false,
    requestTimeoutMs: limit('requestTimeoutMs', 1),
    deadlineMs: limit('deadlineMs', 1),
    maxRequests: limit('maxRequests', 1),
    maxResponseBytes: limit('maxResponseBytes', 1),
    pollIntervalMs: limit('pollIntervalMs', 0),
    maxPolls: limit('maxPolls', 1),
  };
}
