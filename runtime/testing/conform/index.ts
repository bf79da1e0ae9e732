/**
 * `conform(options)`: checks a Responses server against its spec, scenario
 * by scenario (scenarios/), and returns the report (report.ts) with the exit
 * code `anyresponses conform` uses. Bounded: at most `maxRequests` requests,
 * each within `requestTimeoutMs`, the whole run within `deadlineMs`; a server
 * that answers nothing stops the run after its first request (exit 2).
 *
 * Against our mock server (`mock`), scenarios that need a model's judgement
 * use its scripted model and say so, and the mock-only scenarios (a fault
 * mid-stream, a reasoning turn) run; elsewhere those are skipped.
 */
import type { SpecModule } from './context.js';
import { ScenarioContext, Skip } from './context.js';
import { Session } from './http.js';
import { CONFORM_DEFAULTS, resolveConformOptions, type ConformOptions } from './options.js';
import { exitCode, summarize, verdictOf, type ConformReport, type ScenarioReport } from './report.js';
import { SCENARIOS, SCENARIO_NAMES } from './scenarios/index.js';

const SPEC_MODULES: Record<string, string> = { openai: 'anyresponses/openai', openresponses: 'anyresponses/openresponses' };

export async function conform(options: ConformOptions): Promise<ConformReport> {
  const o = resolveConformOptions(options, SCENARIO_NAMES);
  // Through the package's own exports, as users get them (one validation runtime); a specifier
  // tsc does not follow (the generated modules' types point into dist/, tsc's output).
  const specifier = SPEC_MODULES[o.flavor];
  const spec = (await import(specifier)) as SpecModule;
  const session = new Session(o);
  const started = Date.now();
  const scenarios: ScenarioReport[] = [];
  let unreachable: string | undefined;
  for (const s of SCENARIOS) {
    if (o.only && !o.only.includes(s.name)) continue;
    const report: ScenarioReport = { name: s.name, group: s.group, title: s.title, verdict: 'skipped', exchanges: [], findings: [], moreFindings: 0, notes: [] };
    if (s.judgement) report.judgement = `needs a model's judgement (${s.judgement})`;
    scenarios.push(report);
    const skipped = notRun(s, o, session, unreachable);
    if (skipped) {
      report.reason = skipped;
      continue;
    }
    const ctx = new ScenarioContext(o, session, spec);
    let reason: string | undefined;
    try {
      await s.run(ctx);
    } catch (e) {
      if (e instanceof Skip) reason = e.reason;
      else ctx.add('fail', 'answered', 'conform', `the scenario could not finish: ${(e as Error)?.message ?? String(e)}`);
    }
    report.exchanges = ctx.exchanges;
    report.notes = ctx.notes;
    if (ctx.judgement) report.judgement = ctx.judgement;
    report.findings = ctx.findings.slice(0, CONFORM_DEFAULTS.maxFindings);
    report.moreFindings = ctx.findings.length - report.findings.length;
    if (reason !== undefined && ctx.findings.length === 0) report.reason = reason;
    else {
      report.verdict = verdictOf(ctx.findings);
      if (reason !== undefined) report.notes.push(reason);
    }
    if (session.requests > 0 && session.answered === 0) unreachable = ctx.exchanges.find((x) => x.error)?.error ?? 'no answer';
  }
  const summary = summarize(scenarios);
  return {
    target: { baseUrl: o.baseUrl, flavor: o.flavor, model: o.model, mock: o.mock !== undefined },
    scenarios,
    summary,
    requests: session.requests,
    durationMs: Date.now() - started,
    ...(unreachable !== undefined ? { unreachable } : {}),
    allowDeviations: o.allowDeviations,
    exit: exitCode(summary, unreachable !== undefined, o.allowDeviations),
  };
}

/** Why a scenario is not run, or undefined when it runs. */
function notRun(s: (typeof SCENARIOS)[number], o: ReturnType<typeof resolveConformOptions>, session: Session, unreachable: string | undefined): string | undefined {
  if (unreachable !== undefined) return `not run: the server did not answer the first request (${unreachable})`;
  if (s.flavors && !s.flavors.includes(o.flavor)) return `the ${o.flavor} spec does not define it`;
  if (s.mockOnly && !o.mock) return s.mockOnly;
  if (session.expired) return `not run: the run's deadline (${o.deadlineMs} ms) had passed`;
  if (session.budgetLeft <= 0) return `not run: the run's budget of ${o.maxRequests} requests was spent`;
  return undefined;
}

export { CONFORM_DEFAULTS, ConformUsageError, type ConformMock, type ConformOptions } from './options.js';
export type { ConformReport, ScenarioReport, Finding, Exchange, Verdict } from './report.js';
export { CHECKS } from './checks.js';
export { SCENARIOS, SCENARIO_NAMES } from './scenarios/index.js';
export { renderText, renderMarkdown } from './render.js';
