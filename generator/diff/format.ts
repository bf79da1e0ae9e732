/** The three outputs of a diff report: readable text, JSON for tools, Markdown for a pull request. */
import { SEVERITY_ORDER, SEVERITY_TITLE, type Change, type DiffReport } from './model.js';

const where = (c: Change) => `${c.subject}${c.path}`;

function bySeverity(report: DiffReport): Array<[string, Change[]]> {
  return SEVERITY_ORDER.map((s) => [SEVERITY_TITLE[s], report.changes.filter((c) => c.severity === s)] as [string, Change[]]);
}

export function formatText(report: DiffReport): string {
  const lines = [`${report.old.name} (${report.old.version}) -> ${report.new.name} (${report.new.version}): ${report.changes.length} change(s)`];
  for (const [title, changes] of bySeverity(report)) {
    lines.push('', `${title} (${changes.length})`);
    for (const c of changes) lines.push(`  ${c.kind.padEnd(22)} ${where(c)}: ${c.detail}  [${c.rule}]`);
  }
  return lines.join('\n') + '\n';
}

export function formatJSON(report: DiffReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function formatMarkdown(report: DiffReport): string {
  const out = [`## Spec changes: \`${report.old.name}\` (${report.old.version}) -> \`${report.new.name}\` (${report.new.version})`, ''];
  for (const [title, changes] of bySeverity(report)) {
    out.push(`### ${title} (${changes.length})`, '');
    if (changes.length === 0) {
      out.push('None.', '');
      continue;
    }
    out.push('| change | where | what | rule |', '| --- | --- | --- | --- |');
    for (const c of changes) out.push(`| ${c.kind} | \`${cell(where(c))}\` | ${cell(c.detail)} | \`${c.rule}\` |`);
    out.push('');
  }
  return out.join('\n');
}
