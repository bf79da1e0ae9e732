/**
 * Issue 2: generator speed against openapi-typescript 7.13, same run, same
 * machine, same inputs (whole processes, median of 3).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, ratio, timeProcess } from './lib.mjs';

const openaiSpec = join(process.cwd(), '..', 'shared', 'specs', 'openai', 'openapi.json');
const cli = 'generator/dist/cli/bin.js';
const tmp = mkdtempSync(join(tmpdir(), 'ar-bench-gen-'));
const ots = 'node_modules/openapi-typescript/bin/cli.js';

const baseline = timeProcess([ots, openaiSpec, '-o', join(tmp, 'ots.d.ts')]);
const ours = timeProcess([cli, 'generate', '--quiet', '--emit', 'types', '--out', join(tmp, 'default')]);
const oursAll = timeProcess([cli, 'generate', '--quiet', '--emit', 'types', '--include', 'all', '--out', join(tmp, 'all')]);
const oursAllEverything = timeProcess([cli, 'generate', '--quiet', '--include', 'all', '--out', join(tmp, 'all-everything')], { runs: 1 });
// A no-op check against the real generated/ folder (fresh after `npm run generate`).
const check = timeProcess([cli, 'generate', '--check', '--quiet'], { runs: 5 });
rmSync(tmp, { recursive: true, force: true });

process.stdout.write(`## Generator (issue 2)

| measurement | time | ratio to openapi-typescript on the whole OpenAI spec | target |
| --- | --- | --- | --- |
| openapi-typescript 7.13, whole OpenAI spec (1,422 schemas), types only | ${fmt(baseline)} | 1.00 | (baseline) |
| \`anyresponses-codegen generate --emit types\`: OpenResponses + OpenAI /responses closure, types | ${fmt(ours)} | ${ratio(ours, baseline)} | <= 1.00 |
| \`anyresponses-codegen generate --emit types --include all\`: OpenResponses + the whole OpenAI spec, types | ${fmt(oursAll)} | ${ratio(oursAll, baseline)} | <= 1.50 |
| \`anyresponses-codegen generate --include all\`: the whole OpenAI spec with validators for all 1,422 schemas (for information; one run) | ${fmt(oursAllEverything)} | ${ratio(oursAllEverything, baseline)} | |
| no-op \`anyresponses-codegen generate --check\` | ${fmt(check)} | | < 1000 ms |

Whole processes (node start-up included on both sides), median of 3 (check: of 5).
`);
