/**
 * One code path: `anyresponses-codegen generate --spec FILE` on the two
 * pinned specs (with the flavor's overlays where it has some (openai), the repository's include and roots, and
 * imports of the runtime by relative path, as generated/ has them) writes
 * exactly the bytes `npm run generate` wrote into generated/<spec>/, below
 * the provenance header, which names the input as the user gave it (a file
 * here, the pin and its URL there) with the same sha256.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { body, codegen, scratchProject, snapshot } from '../support/codegen.js';
import { hasShared, repoRoot, specsDir } from '../support/shared.js';

const shared = hasShared();
const project = shared ? scratchProject('parity') : '';
afterAll(() => project && rmSync(project, { recursive: true, force: true }));

const sha256Line = (text: string) => /^\/\/ Input: .*, sha256 ([0-9a-f]{64})$/m.exec(text)?.[1];

describe.runIf(shared)('the same generator on the pinned specs gives generated/', () => {
  it.each([
    ['openresponses', { include: 'all', extra: [] }],
    // The pin's roots (schemas/sources.json): the WebSocket mode messages, which no operation references.
    ['openai', { include: 'responses', extra: ['--overlays', '--roots', 'ResponsesClientEvent,ResponsesServerEvent,ResponseWsError'] }],
  ])('%s', (spec, { include, extra }) => {
    const r = codegen(project, 'generate', '--spec', join(specsDir, spec, 'openapi.json'), '--out', spec, '--name', spec, '--flavor', spec, '--include', include, ...extra, '--runtime', 'relative', '--quiet');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const ours = snapshot(join(project, spec));
    const repo = snapshot(join(repoRoot, 'generated', spec));
    expect(Object.keys(ours).filter((f) => f !== '.stamp.json').sort()).toEqual(Object.keys(repo).sort());
    for (const file of Object.keys(repo)) {
      expect({ file, body: body(ours[file]) }).toEqual({ file, body: body(repo[file]) });
      expect(sha256Line(ours[file])).toBe(sha256Line(repo[file]));
    }
    expect(readFileSync(join(project, spec, 'types.d.ts'), 'utf8').split('\n')[1]).toMatch(new RegExp(`^// Input: .*specs/${spec}/openapi\\.json \\(version `));
  });
});
