/** The conform report as text for a terminal, and as Markdown (a table for a README or an issue). */
import type { ConformReport, Exchange, Finding, ScenarioReport } from './report.js';

const LABEL: Record<ScenarioReport['verdict'], string> = { pass: 'PASS', deviation: 'DEVIATION', fail: 'FAIL', skipped: 'SKIPPED' };

function targetLine(r: ConformReport): string {
  return `${r.target.baseUrl} (${r.target.flavor} flavor, model ${r.target.model}${r.target.mock ? ', our mock server' : ''})`;
}

function summaryLine(r: ConformReport): string {
  const s = r.summary;
  const parts = [`${s.pass} pass`, `${s.deviation} deviation${s.deviation === 1 ? '' : 's'}`, `${s.fail} fail`, `${s.skipped} skipped`];
  return `${r.scenarios.length} scenarios: ${parts.join(', ')}; ${r.requests} requests in ${(r.durationMs / 1000).toFixed(1)} s. Exit ${r.exit}${r.exit === 0 && s.deviation > 0 ? ' (deviations allowed)' : ''}.`;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 3)}...` : s);

function exchangeLine(x: Exchange): string {
  const sent = `${x.method} ${x.path}${x.body !== undefined ? ' ' + clip(JSON.stringify(x.body), 160) : ''}${x.headers ? ` (${Object.keys(x.headers).join(', ')})` : ''}`;
  const got = x.status ? `${x.status} ${x.contentType ?? '(no content type)'}, ${x.bytes} bytes` : 'no answer';
  const events = x.events ? `: ${clip(x.events.join(', '), 200)}${x.done ? ', [DONE]' : ''}` : '';
  return `${sent} -> ${got}${events}${x.error ? ` (${x.error})` : ''}`;
}

const findingLine = (f: Finding) => `${f.level === 'fail' ? 'fail     ' : 'deviation'} [${f.rule}] ${f.where} ${f.pointer || '/'}: ${f.message}`;

export function renderText(r: ConformReport): string {
  const lines = [`anyresponses conform: ${targetLine(r)}`, ''];
  for (const s of r.scenarios) {
    lines.push(`${LABEL[s.verdict].padEnd(10)} ${s.name.padEnd(22)} ${s.verdict === 'skipped' ? s.reason : s.title}`);
    const pad = ' '.repeat(11);
    if (s.judgement && s.verdict !== 'skipped') lines.push(`${pad}judgement: ${s.judgement}`);
    for (const x of s.exchanges) lines.push(`${pad}${exchangeLine(x)}`);
    for (const f of s.findings) lines.push(`${pad}${findingLine(f)}`);
    if (s.moreFindings > 0) lines.push(`${pad}... and ${s.moreFindings} more finding(s) (--json lists the first ones too)`);
    for (const n of s.notes) lines.push(`${pad}note: ${n}`);
  }
  lines.push('');
  if (r.unreachable) lines.push(`The server did not answer: ${r.unreachable}. Is ${r.target.baseUrl} right (with its /v1)?`);
  lines.push(summaryLine(r));
  return lines.join('\n');
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(r: ConformReport): string {
  const lines = [`**anyresponses conform** against ${cell(targetLine(r))}`, '', '| scenario | verdict | what it checks | rules broken |', '| --- | --- | --- | --- |'];
  for (const s of r.scenarios) {
    const broken = s.verdict === 'skipped' ? cell(s.reason ?? '') : s.findings.map((f) => `\`${f.rule}\` ${cell(f.where)} \`${cell(f.pointer || '/')}\`: ${cell(clip(f.message, 120))}`).join('<br>') + (s.moreFindings ? `<br>... and ${s.moreFindings} more` : '');
    const verdict = s.verdict === 'fail' || s.verdict === 'deviation' ? `**${s.verdict}**` : s.verdict;
    lines.push(`| \`${s.name}\` | ${verdict} | ${cell(s.title)}${s.judgement && s.verdict !== 'skipped' ? ` (${cell(s.judgement)})` : ''} | ${broken} |`);
  }
  lines.push('', summaryLine(r));
  return lines.join('\n');
}
