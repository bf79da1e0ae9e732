#!/usr/bin/env node
/**
 * Renders TOLERANT_MINIMUM (runtime/validation/tolerant-minimum.ts), what
 * tolerant validation still requires of each root, into docs/validation.md between
 * the `tolerant-minimum` markers.
 *
 *   node scripts/tolerant-minimum-doc.mjs          rewrite that part of docs/validation.md
 *   node scripts/tolerant-minimum-doc.mjs --check  exit 1 when it differs from what would be written
 *
 * Needs the build (`npm run build`). test/validation/tolerant-minimum.test.ts
 * fails when the guide's table is stale.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeOrCheck } from './doc-file.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const docPath = join(root, 'docs/validation.md');
const BEGIN = '<!-- tolerant-minimum: begin (rendered from TOLERANT_MINIMUM by node scripts/tolerant-minimum-doc.mjs) -->';
const END = '<!-- tolerant-minimum: end -->';

const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The table's Markdown, from the built runtime's TOLERANT_MINIMUM. */
export async function renderTable() {
  const { TOLERANT_MINIMUM } = await import(join(root, 'dist/runtime/validation/index.js'));
  const rows = ['| flavor | root | tolerant mode requires | why |', '| --- | --- | --- | --- |'];
  for (const [flavor, roots] of Object.entries(TOLERANT_MINIMUM)) {
    for (const [schema, { require, why }] of Object.entries(roots)) {
      rows.push(`| ${flavor} | \`${schema}\` | ${require.length ? require.map((p) => `\`${p}\``).join(', ') : 'nothing'} | ${cell(why)} |`);
    }
  }
  return rows.join('\n');
}

/** docs/validation.md with the part between the markers rendered anew. */
export async function render(text = readFileSync(docPath, 'utf8')) {
  const from = text.indexOf(BEGIN);
  const to = text.indexOf(END);
  if (from === -1 || to < from) throw new Error(`docs/validation.md: the markers ${BEGIN} ... ${END} are missing`);
  return `${text.slice(0, from + BEGIN.length)}\n${await renderTable()}\n${text.slice(to)}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeOrCheck(docPath, await render(), 'tolerant-minimum-doc.mjs', 'docs/validation.md');
}
