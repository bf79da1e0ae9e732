/**
 * WebSocket mode as users get it: the packed package installed in a
 * throwaway project, a session against the mock server (which requires a
 * key, so the handshake must carry it). Under Node 20 without `ws` the
 * session is refused with what to install (and npm ls still lists one
 * package); with `ws` installed beside it, it is found at run time; under
 * Bun, Bun's own WebSocket carries the key. CI=true never skips a peer.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer, type MockServer } from 'anyresponses/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bunPath, hasPeer, install, newProject, npm, pack, run } from '../support/packed.js';

const work = mkdtempSync(join(tmpdir(), 'ar-websocket-'));
const KEY = 'ws-package-key-0123456789';
let project: string;
let mock: MockServer;

/** Two turns on one socket, the second continuing the first with store: false. */
const APP = `import { connect } from 'anyresponses';
const [apiBase, flavor] = process.argv.slice(2);
try {
  const session = await connect(flavor + ':echo', { apiKey: '${KEY}', apiBase });
  const a = await (await session.create('one', { store: false })).finalResponse();
  const b = await (await session.create('two', { store: false, previous_response_id: a.id })).finalResponse();
  await session.close();
  console.log(JSON.stringify({ text: b.output_text, connections: session.connections, runtimeWebSocket: typeof globalThis.WebSocket }));
} catch (e) {
  console.log(JSON.stringify({ error: e.name, message: e.message }));
}
`;

const TWO = 'You said: "two". Before that you said: "one".';

beforeAll(async () => {
  project = newProject(work, 'app');
  install(project, [pack(work)]);
  writeFileSync(join(project, 'app.mjs'), APP);
  mock = await startMockServer({ flavor: 'openai', apiKey: KEY });
}, 120_000);

afterAll(async () => {
  await mock?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('WebSocket mode in an installed package', () => {
  it('Node 20 without ws: refused with what to install, before any traffic; nothing was added to npm ls', async () => {
    if (!process.versions.node.startsWith('20.')) return;
    const before = mock.requests.length;
    const r = await run(process.execPath, ['app.mjs', mock.url, 'openai'], project);
    expect(JSON.parse(r.stdout)).toEqual({ error: 'WebSocketUnavailableError', message: expect.stringMatching(/has no WebSocket \(Node 20\.\d+\.\d+ has one from version 22\): install the ws package beside anyresponses \(npm install ws\), or pass one: connect\(model, \{ WebSocket \}\)/) });
    expect(mock.requests.length).toBe(before);
    const tree = JSON.parse(npm(['ls', '--all', '--json'], project)) as { dependencies?: Record<string, { dependencies?: object }> };
    expect(Object.keys(tree.dependencies ?? {})).toEqual(['anyresponses']);
  });

  it('Node with ws installed beside it: found at run time, the key on the handshake', async (ctx) => {
    let installed = true;
    try {
      install(project, ['ws@^8.23.1']);
    } catch {
      installed = false;
    }
    if (!hasPeer('ws', installed, 'npm install ws must work (the registry, or the npm cache after npm ci)')) return ctx.skip();
    const r = await run(process.execPath, ['app.mjs', mock.url, 'openai'], project);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ text: TWO, connections: 1 });
    expect(mock.requests.filter((q) => q.method === 'GET').at(-1)!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it("under Bun: Bun's own WebSocket, with the key", async (ctx) => {
    const bun = bunPath();
    if (!hasPeer('Bun', !!bun, 'npm ci installs it (the bun dev dependency)')) return ctx.skip();
    const r = await run(bun!, ['app.mjs', mock.url, 'openai'], project);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ text: TWO, connections: 1, runtimeWebSocket: 'function' });
  });
});
