/**
 * Issue 14: generating a spec of your own (the pinned OpenResponses spec
 * extended as its prose allows: test/support/extended-spec.ts) into a
 * consumer folder, against openapi-typescript 7.13 on the same file, same
 * run, whole processes (median of 3, interleaved so load hits both alike).
 * Ours writes types, strict and tolerant validators, the spec index and the
 * client; openapi-typescript writes types only.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fastestInterleaved, fmt, median, ratio, timeProcess } from './lib.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'ar-bench-codegen-'));
const spec = join(tmp, 'openapi.json');
// The spec is built by the tests' own helper (TypeScript, run through tsx; not timed).
execFileSync(process.execPath, ['--import', 'tsx', '-e', `import { extendedSpec } from './test/support/extended-spec.ts'; import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(spec)}, JSON.stringify(extendedSpec(), null, 2));`], { stdio: 'inherit' });

const cli = 'generator/dist/cli/bin.js';
const ots = 'node_modules/openapi-typescript/bin/cli.js';
const runs = 3;
const baseline = [];
const ours = [];
const oursTypes = [];
for (let i = 0; i < runs; i++) {
  const [b, o, t] = fastestInterleaved(
    [
      [ots, spec, '-o', join(tmp, `ots-${i}.d.ts`)],
      [cli, 'generate', '--quiet', '--spec', spec, '--out', join(tmp, `all-${i}`), '--name', 'acme'],
      [cli, 'generate', '--quiet', '--spec', spec, '--out', join(tmp, `types-${i}`), '--name', 'acme', '--emit', 'types'],
    ],
    1,
  );
  baseline.push(b);
  ours.push(o);
  oursTypes.push(t);
}
const check = timeProcess([cli, 'generate', '--check', '--quiet', '--spec', spec, '--out', join(tmp, 'all-0'), '--name', 'acme'], { runs: 5 });
rmSync(tmp, { recursive: true, force: true });

const [b, o, t] = [median(baseline), median(ours), median(oursTypes)];
process.stdout.write(`## Codegen for your own spec (issue 14)

| measurement (the extended OpenResponses spec, into a consumer folder) | time | ratio to openapi-typescript | target |
| --- | --- | --- | --- |
| openapi-typescript 7.13, types only | ${fmt(b)} | 1.00 | (baseline) |
| \`anyresponses-codegen generate --spec\`: types, strict and tolerant validators, index, client | ${fmt(o)} | ${ratio(o, b)} | <= 1.00 |
| \`anyresponses-codegen generate --spec --emit types\`: types only | ${fmt(t)} | ${ratio(t, b)} | |
| no-op \`generate --spec --check\` (from the stamp) | ${fmt(check)} | | |

Whole processes (node start-up included on both sides), median of ${runs} interleaved rounds (check: of 5).
`);
