/**
 * The packed package everywhere `fetch` is: a small app that streams a
 * response from the mock server with validation on (the default), bundled
 * from a throwaway project by esbuild (`--platform=browser` and `neutral`)
 * and Vite with no warning, then run: the esbuild bundles under Node with
 * `globalThis.process` deleted, both builds in headless Chromium (the mock
 * server answers its CORS preflights), and the installed package itself
 * under Bun. Each app also sends one invalid request, which the bundled
 * validators must refuse before any traffic: proof that they were bundled
 * and loaded, not left as an unresolved import.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { build as esbuild } from 'esbuild';
import { startMockServer, type MockServer } from 'anyresponses/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { bunPath, chromiumPath, hasPeer, install, newProject, node, pack, run } from '../support/packed.js';

const work = mkdtempSync(join(tmpdir(), 'ar-bundles-'));
let project: string;
let mock: MockServer;
const KEY = 'test-key';

/** The app: one streamed call and one invalid call; returns what happened. */
const APP = `import { createClient } from 'anyresponses';

export async function run(apiBase, input) {
  const client = createClient({ provider: 'openai', apiKey: '${KEY}', apiBase });
  const stream = await client.responses('echo', input, { stream: true });
  let text = '';
  for await (const t of stream.textStream) text += t;
  let refused = 'nothing';
  try {
    await client.responses('echo', 'x', { temperature: 'hot' });
  } catch (e) {
    refused = e.name;
  }
  return { text, refused };
}
`;

/** A page that runs the app and shows the result as JSON in #out. */
const page = (script: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>anyresponses</title></head>
<body><pre id="out"></pre><script type="module">${script}</script></body></html>
`;
const SHOW = `const out = document.getElementById('out');
const q = new URLSearchParams(location.search);
run(q.get('mock'), q.get('input')).then(
  (r) => { out.textContent = JSON.stringify(r); out.dataset.done = 'ok'; },
  (e) => { out.textContent = String(e && e.stack || e); out.dataset.done = 'error'; },
);`;

const want = (input: string) => ({ text: `You said: "${input}".`, refused: 'SpecValidationError' });

beforeAll(async () => {
  project = newProject(work, 'app');
  install(project, [pack(work)]);
  writeFileSync(join(project, 'app.js'), APP);
  mkdirSync(join(project, 'vite-app'));
  writeFileSync(join(project, 'vite-app/app.js'), APP);
  writeFileSync(join(project, 'vite-app/index.html'), page(`import { run } from './app.js';\n${SHOW}`));
  writeFileSync(join(project, 'esbuild.html'), page(`import { run } from './out-browser.mjs';\n${SHOW}`));
  mock = await startMockServer({ flavor: 'openai', apiKey: KEY });
}, 120_000);

afterAll(async () => {
  await mock?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Each build once per file, shared by the test that checks it and the ones that run it. */
const builds = new Map<string, Promise<string[]>>();
const once = (key: string, make: () => Promise<string[]>) => builds.get(key) ?? (builds.set(key, make()), builds.get(key)!);

/** esbuild's bundle of app.js for a platform, as out-<platform>.mjs; resolves to its warnings and errors. */
function bundleWithEsbuild(platform: 'browser' | 'neutral'): Promise<string[]> {
  return once(`esbuild-${platform}`, async () => {
    const r = await esbuild({ entryPoints: [join(project, 'app.js')], bundle: true, format: 'esm', platform, minify: true, outfile: join(project, `out-${platform}.mjs`), logLevel: 'silent' });
    return [...r.errors, ...r.warnings].map((m) => m.text);
  });
}

/** Vite's production build of vite-app/ into vite-app/dist; resolves to what it warned. */
function buildWithVite(): Promise<string[]> {
  return once('vite', async () => {
    const { build, createLogger } = await import('vite');
    const logger = createLogger('warn', { allowClearScreen: false });
    const warnings: string[] = [];
    logger.warn = (m) => void warnings.push(m);
    logger.warnOnce = (m) => void warnings.push(m);
    logger.error = (m) => void warnings.push(`error: ${m}`);
    // Default settings: a user sees what this sees. With validation on, the client loads the flavor's
    // compiled validators and, beside them, its tolerant schemas: two chunks, each under Vite's 500 kB
    // advice (the guards' schema data, the rest of the spec's API, stays out of the app).
    await build({ root: join(project, 'vite-app'), configFile: false, logLevel: 'warn', customLogger: logger, build: { outDir: 'dist', emptyOutDir: true } });
    const assets = join(project, 'vite-app/dist/assets');
    const sizes = readdirSync(assets).map((f) => `${f.replace(/-[\w-]{8}\.js$/, '.js')} ${(statSync(join(assets, f)).size / 1000).toFixed(1)} kB`);
    console.log(`Vite chunks: ${sizes.join(', ')}`);
    return warnings;
  });
}

describe('bundled with esbuild, run under Node without process', () => {
  it.each([['browser' as const], ['neutral' as const]])('--platform=%s builds with no warning, and the bundle streams with validation on', async (platform) => {
    expect(await bundleWithEsbuild(platform)).toEqual([]);
    const script = `const saved = globalThis.process;
delete globalThis.process;
const { run } = await import(${JSON.stringify(join(project, `out-${platform}.mjs`))});
const result = await run(saved.argv[1], saved.argv[2]);
saved.stdout.write(JSON.stringify({ ...result, process: typeof globalThis.process }));`;
    const input = `hello from esbuild ${platform}`;
    const ran = await node(script, project, [mock.url, input]);
    expect(ran.stderr).toBe('');
    expect(JSON.parse(ran.stdout)).toEqual({ ...want(input), process: 'undefined' });
  });
});

describe('bundled with Vite', () => {
  it('builds the app with no warning', async () => {
    expect(await buildWithVite()).toEqual([]);
    expect(readFileSync(join(project, 'vite-app/dist/index.html'), 'utf8')).toMatch(/<script type="module"[^>]* src="\/assets\/index-[^"]+\.js"/);
  }, 60_000);
});

describe('in headless Chromium', () => {
  let server: Server;
  let base: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    // The project's files, as a static site on another origin than the mock server.
    server = createServer((req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
      const dir = path.startsWith('/assets/') ? join(project, 'vite-app/dist') : project;
      try {
        const body = readFileSync(join(dir, path));
        res.writeHead(200, { 'content-type': extname(path) === '.html' ? 'text/html' : 'text/javascript' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  });

  it.for([
    ['the esbuild --platform=browser bundle', { path: '/esbuild.html', input: 'hello from chromium and esbuild', build: () => bundleWithEsbuild('browser') }],
    ['the Vite build', { path: '/vite-app/dist/index.html', input: 'hello from chromium and vite', build: buildWithVite }],
  ] as Array<[string, { path: string; input: string; build: () => Promise<unknown> }]>)('%s streams from the mock server (CORS) and shows the text', { timeout: 60_000 }, async ([_name, { path, input, build }]: [string, { path: string; input: string; build: () => Promise<unknown> }], ctx: TestContext): Promise<void> => {
    const executablePath = chromiumPath();
    if (!hasPeer('Chromium', !!executablePath, "install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH")) return ctx.skip();
    await build();
    const { chromium } = await import('playwright-core');
    browser ??= await chromium.launch({ executablePath, args: ['--no-sandbox'] });
    const tab = await browser.newPage();
    try {
      const errors: string[] = [];
      tab.on('pageerror', (e) => errors.push(e.message));
      const before = mock.requests.length;
      await tab.goto(`${base}${path}?mock=${encodeURIComponent(mock.url)}&input=${encodeURIComponent(input)}`);
      await tab.waitForSelector('#out[data-done]', { timeout: 30_000 });
      const text = await tab.textContent('#out');
      expect(await tab.getAttribute('#out', 'data-done'), text ?? '').toBe('ok');
      expect(JSON.parse(text!)).toEqual(want(input));
      expect(errors).toEqual([]);
      // The stream went over the wire from the page; the invalid call never did.
      expect(mock.requests.slice(before).map((r) => `${r.method} ${r.url}`)).toEqual(['POST /v1/responses']);
    } finally {
      await tab.close();
    }
  });
});

describe('under Bun', () => {
  it("the installed package's responses() and a stream against the mock server", async (ctx) => {
    const bun = bunPath();
    if (!hasPeer('Bun', !!bun, 'npm ci installs it (the bun dev dependency)')) return ctx.skip();
    writeFileSync(
      join(project, 'bun-app.mjs'),
      `import { responses } from 'anyresponses';
import { run } from './app.js';
const [apiBase] = process.argv.slice(2);
const plain = await responses('openai:echo', 'plain from bun', { apiKey: '${KEY}', apiBase });
const streamed = await run(apiBase, 'streamed from bun');
console.log(JSON.stringify({ plain: plain.output_text, ...streamed, bun: typeof Bun === 'object' }));
`,
    );
    const r = await run(bun!, ['bun-app.mjs', mock.url], project);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ plain: 'You said: "plain from bun".', ...want('streamed from bun'), bun: true });
  });
});
