/** Replay turns serve real recorded traffic (../shared/fixtures/recorded) as it was recorded. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startMockServer } from 'anyresponses/testing';
import { describe, expect, it } from 'vitest';
import { create } from '../support/mock.js';
import { hasShared, recordedDir } from '../support/shared.js';

describe('replay turns', () => {
  it('a recorded body, a recorded stream, and a recorded error body with its status', async () => {
    if (!hasShared()) return;
    const body = join(recordedDir, 'lmstudio/lmstudio-basic.1.json');
    const chunks = join(recordedDir, 'lmstudio/lmstudio-basic.1.chunks.txt');
    // Paths are read relative to the script's directory (an absolute one must lie inside it).
    const server = await startMockServer({ scriptDir: recordedDir, script: [{ replay: body }, { replay: 'lmstudio/lmstudio-basic.1.chunks.txt' }, { replay: 'openai/openai-error.1.json' }, { replay: 'nonexistent.json' }] });
    try {
      const a = await create(server, { model: 'scripted', input: 'x' });
      expect(a.json).toEqual(JSON.parse(readFileSync(body, 'utf8')));
      const b = await create(server, { model: 'scripted', input: 'x', stream: true });
      expect(b.events).toEqual(readFileSync(chunks, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)));
      const c = await create(server, { model: 'scripted', input: 'x' });
      expect(c.status).toBe(429);
      expect(c.json!.error.code).toBe('insufficient_quota');
      const d = await create(server, { model: 'scripted', input: 'x' });
      expect(d.status).toBe(500);
      expect(d.json!.error.message).toMatch(/replay: cannot read nonexistent.json/);
    } finally {
      await server.close();
    }
  });
});
