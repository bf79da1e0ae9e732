#!/usr/bin/env node
/**
 * `npm run bench`: runs every bench/*.bench.mjs in its own process (after
 * `npm run build`), each printing a Markdown section, and writes them all
 * to bench/RESULTS.md with the machine and the command. Comparisons are
 * always measured in the same run as the figure they are compared with.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const sections = [];
for (const file of benches) {
  process.stderr.write(`bench: ${file}\n`);
  try {
    sections.push(execFileSync(process.execPath, [join(here, file)], { cwd: join(here, '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 }));
  } catch (e) {
    sections.push(`## ${file}\n\nFAILED: ${e.message}\n`);
  }
}

const cpu = cpus()[0]?.model ?? 'unknown cpu';
const doc = [
  '# Benchmark results',
  '',
  `Produced by \`npm run bench\` (\`node bench/run.mjs${only.length ? ' ' + only.join(' ') : ''}\`) on Node ${process.version}, ${cpus().length} x ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB.`,
  'Every ratio compares figures measured in the same run, on the same machine and inputs.',
  '',
  ...sections,
].join('\n');
if (only.length === 0) writeFileSync(join(here, 'RESULTS.md'), doc);
process.stdout.write(doc);
