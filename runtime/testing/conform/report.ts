/**
 * What conform reports: per scenario a verdict, what was sent and what came
 * back, and every rule broken (a stream rule of STREAM_RULES, `schema` for a
 * body or event that is not valid against the spec, or a scenario check of
 * CHECKS) with where and its JSON pointer. The run's exit code follows from
 * the verdicts.
 */
import type { Flavor } from './options.js';

/**
 * - pass: everything valid in strict mode, every rule kept;
 * - deviation: valid in tolerant mode but not in strict mode, or a SHOULD rule broken;
 * - fail: invalid even in tolerant mode, a MUST rule broken, or no usable answer;
 * - skipped: not run, with the reason.
 */
export type Verdict = 'pass' | 'deviation' | 'fail' | 'skipped';

export interface Finding {
  /** A stream rule's name, `schema`, or a check of CHECKS. */
  rule: string;
  level: 'fail' | 'deviation';
  /** Which answer: `request 2`, `request 2 event 14`. */
  where: string;
  pointer: string;
  message: string;
}

export interface Exchange {
  method: string;
  path: string;
  /** The request body, with long strings shortened. */
  body?: unknown;
  /** Extra headers sent (the mock's fault header). */
  headers?: Record<string, string>;
  status: number;
  contentType: string | null;
  bytes: number;
  /** A JSON answer, with long strings shortened. */
  received?: unknown;
  /** An event stream: its event types in order (repeats folded as `type x12`), and whether it ended with [DONE]. */
  events?: string[];
  done?: boolean;
  error?: string;
}

export interface ScenarioReport {
  name: string;
  group: string;
  title: string;
  verdict: Verdict;
  /** Why it was skipped. */
  reason?: string;
  /** Set when the outcome rests on a model's judgement; says how this run decided it (the mock's scripted model, or the real model). */
  judgement?: string;
  exchanges: Exchange[];
  findings: Finding[];
  /** Findings beyond the listed ones (CONFORM_DEFAULTS.maxFindings). */
  moreFindings: number;
  notes: string[];
}

export interface ConformReport {
  target: { baseUrl: string; flavor: Flavor; model: string; mock: boolean };
  scenarios: ScenarioReport[];
  summary: Record<Verdict, number>;
  requests: number;
  durationMs: number;
  /** Set when the server never answered: the run stopped there (exit 2). */
  unreachable?: string;
  allowDeviations: boolean;
  /** 0 everything passed (deviations too with allowDeviations), 1 something failed or deviated, 2 unreachable. */
  exit: 0 | 1 | 2;
}

export function verdictOf(findings: Finding[]): Verdict {
  if (findings.some((f) => f.level === 'fail')) return 'fail';
  return findings.length > 0 ? 'deviation' : 'pass';
}

export function summarize(scenarios: ScenarioReport[]): Record<Verdict, number> {
  const s: Record<Verdict, number> = { pass: 0, deviation: 0, fail: 0, skipped: 0 };
  for (const x of scenarios) s[x.verdict]++;
  return s;
}

export function exitCode(summary: Record<Verdict, number>, unreachable: boolean, allowDeviations: boolean): 0 | 1 | 2 {
  if (unreachable) return 2;
  if (summary.fail > 0 || (summary.deviation > 0 && !allowDeviations)) return 1;
  return 0;
}

/** A copy of a JSON value for the report: long strings shortened, long arrays cut. */
export function abbreviate(value: unknown, maxString: number, depth = 0): unknown {
  if (typeof value === 'string') return value.length > maxString ? `${value.slice(0, maxString)}... (${value.length} chars)` : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth > 12) return '...';
  if (Array.isArray(value)) {
    const head = value.slice(0, 20).map((v) => abbreviate(v, maxString, depth + 1));
    return value.length > 20 ? [...head, `... (${value.length - 20} more)`] : head;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = abbreviate(v, maxString, depth + 1);
  return out;
}

/** Event types in order, with runs of one type folded: `response.output_text.delta x12`. */
export function foldTypes(types: string[]): string[] {
  const out: string[] = [];
  let run = 0;
  for (let i = 0; i < types.length; i++) {
    run++;
    if (types[i + 1] !== types[i]) {
      out.push(run > 1 ? `${types[i]} x${run}` : types[i]);
      run = 0;
    }
  }
  return out;
}
