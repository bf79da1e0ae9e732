/**
 * The package as a user gets it: `npm pack`, install the tarball into a
 * throwaway project, and type-check a file that imports the generated types
 * through the package's `exports`; every entry point under the node10,
 * bundler and NodeNext resolution modes; and run it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { install, newProject, pack } from '../support/packed.js';
import { repoRoot } from '../support/shared.js';

const work = mkdtempSync(join(tmpdir(), 'ar-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const USAGE = `
import type { ResponseResource, CreateResponseBody, ItemParam, ResponseStreamEvent } from 'anyresponses/openresponses';
import type { Response, CreateResponse, ResponseStreamEvent as OpenAIEvent, InputItem } from 'anyresponses/openai';

export function describeEvent(e: ResponseStreamEvent): string {
  switch (e.type) {
    case 'response.output_text.delta':
      return e.delta;
    case 'response.completed':
      return e.response.status ?? '';
    default:
      return e.type;
  }
}

export function describeOpenAI(e: OpenAIEvent): string {
  if (e.type === 'response.output_text.delta') return e.delta;
  return e.type;
}

export const body: CreateResponseBody = { model: 'm', input: 'hi' };
export const item: ItemParam = { type: 'message', role: 'user', content: 'hi' };
export const req: CreateResponse = { model: 'gpt-5', input: 'hi' };
export const items: InputItem[] = [{ role: 'user', content: 'hi' }];
export const ids = (r: ResponseResource, o: Response): string[] => [r.id, o.id];

// @ts-expect-error: a response needs its id
export const broken: ResponseResource = { object: 'response' };

// The root: return types follow the provider in the model string.
import { responses, createClient, type Response as AnyResponse, type ResponseResource as AnyResource } from 'anyresponses';
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
const local = await responses('lmstudio:qwen3', 'hi');
export const t1: Equals<typeof local, AnyResource & { output_text: string }> = true;
const remote = await responses('openai:gpt-5', 'hi', { temperature: 0.2 });
export const t2: Equals<typeof remote, AnyResponse & { output_text: string }> = true;
const chosen = await responses('qwen3', 'hi', { provider: 'lmstudio' });
export const t3: Equals<typeof chosen, AnyResource & { output_text: string }> = true;
declare const someModel: string;
const dynamic = await responses(someModel, 'hi');
export const t4: Equals<typeof dynamic, (AnyResponse | AnyResource) & { output_text: string }> = true;
const stream = await responses('lmstudio:qwen3', 'hi', { stream: true });
for await (const e of stream) if (e.type === 'response.output_text.delta') console.log(e.delta);
const client = createClient({ provider: 'openai' });
const viaClient = await client.responses('gpt-5', 'hi');
export const t5: Equals<typeof viaClient, AnyResponse & { output_text: string }> = true;
// WebSocket mode: a session's turns are ResponseStreams of the provider's flavor.
import { connect } from 'anyresponses';
const session = await connect('openai:gpt-5', { onReconnect: (i) => void i.lostResponseIds.length });
const turn = await session.create('hi', { store: false });
for await (const e of turn) if (e.type === 'response.output_text.delta') console.log(e.delta);
const final = await turn.finalResponse();
export const ws1: Equals<typeof final.usage, AnyResponse['usage']> = true;
const local2 = await (await (await connect('openresponses:qwen3')).create('hi')).finalResponse();
export const ws2: Equals<typeof local2.completed_at, AnyResource['completed_at']> = true;
await (await client.connect('gpt-5')).close();
// @ts-expect-error: the wrong flavour
export const t6: Equals<typeof local, AnyResponse & { output_text: string }> = true;

// One module per provider: metadata and methods for what it supports.
import { lmstudio, metadata as lm } from 'anyresponses/providers/lmstudio';
import { bedrock } from 'anyresponses/providers/bedrock';
import { anthropic } from 'anyresponses/providers/anthropic';
const studio = lmstudio({ apiBase: 'http://localhost:1234/v1' });
const viaModule = await studio.create('qwen3', 'hi');
export const t7: Equals<typeof viaModule, AnyResource & { output_text: string }> = true;
export const ops: readonly string[] | undefined = lm.operations;
export const noResponses: never = bedrock();
// A chat-only provider answers in OpenResponses shapes (through the Chat Completions bridge).
const viaChat = await anthropic({ apiKey: 'k' }).create('claude-sonnet-4-5', 'hi');
export const t8: Equals<typeof viaChat, AnyResource & { output_text: string }> = true;
// api: 'chat' on a provider with both APIs: OpenResponses shapes too.
const openaiViaChat = await responses('openai:gpt-5', 'hi', { api: 'chat' });
export const t9: Equals<typeof openaiViaChat, AnyResource & { output_text: string }> = true;

// The testkit: the mock server's options and handle are typed.
import { startMockServer, type MockServer } from 'anyresponses/testing';
const mock: MockServer = await startMockServer({ flavor: 'openai', script: ['hi', { toolCalls: [{ name: 'f' }] }], faults: [{ status: 429, retryAfter: 1 }] });
export const mockURL: string = mock.url;
// @ts-expect-error: not a flavor
await startMockServer({ flavor: 'gemini' });
`;

const ROOT_USAGE = `
import { AnyResponsesError, RateLimitError, ResponseStream, SpecValidationError, defineTool, outputText } from 'anyresponses';
import { validate, isResponseResource } from 'anyresponses/openresponses';
const r = validate('ResponseResource', JSON.parse('{"id": 5}'));
if (!r.ok) console.log(r.errors.length > 0, new RateLimitError('x') instanceof AnyResponsesError, typeof ResponseStream, typeof SpecValidationError);
console.log(outputText({ output: [{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'hi' }] }] }), isResponseResource({}));
console.log(defineTool({ name: 'f', parameters: { type: 'object' }, execute: () => 1 }).name);
import { createClient } from 'anyresponses';
import { startMockServer } from 'anyresponses/testing';
const mock = await startMockServer();
console.log((await createClient({ provider: 'openresponses', apiBase: mock.url }).responses('echo', 'from the tarball')).output_text);
await mock.close();
`;

/** Every entry point, for the older and the bundler resolution modes (no top-level await: node10 projects compile to CommonJS too). */
const SUBPATHS = `
import { responses, type Response, type StandardSchemaV1 } from 'anyresponses';
import { isResponseResource, type ResponseResource } from 'anyresponses/openresponses';
import { validate, type CreateResponse } from 'anyresponses/openai';
import { PROVIDERS, type ProviderManifest } from 'anyresponses/providers';
import { lmstudio } from 'anyresponses/providers/lmstudio';
import { startMockServer } from 'anyresponses/testing';
export const all = [responses, isResponseResource, validate, PROVIDERS, lmstudio, startMockServer];
export const req: CreateResponse = { model: 'gpt-5', input: 'hi' };
export type T = [Response, ResponseResource, ProviderManifest, StandardSchemaV1];
`;

const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
let project: string;

/** tsc on one file of the project with these options; its output ('' when clean). */
function typecheck(file: string, options: Record<string, unknown>): string {
  const config = `tsconfig.${file}.json`;
  writeFileSync(join(project, config), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'ES2022', skipLibCheck: false, types: [], ...options }, files: [file] }));
  try {
    execFileSync(process.execPath, [tsc, '-p', config], { cwd: project, stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stdout?: Buffer }).stdout ?? e);
  }
}

beforeAll(() => {
  expect(existsSync(join(repoRoot, 'generated/openai/types.d.ts')), 'run `npm run generate` first').toBe(true);
  expect(existsSync(join(repoRoot, 'dist')), 'run `npm run build` first').toBe(true);
  project = newProject(work, 'project');
  install(project, [pack(work)]);
  writeFileSync(join(project, 'check.ts'), USAGE);
  writeFileSync(join(project, 'subpaths.ts'), SUBPATHS);
}, 120_000);

describe('the packed package exports the generated types by spec', () => {
  it('a separate project installs the tarball and type-checks imports from anyresponses/openresponses and anyresponses/openai (NodeNext)', () => {
    expect(typecheck('check.ts', { module: 'NodeNext', moduleResolution: 'NodeNext' })).toBe('');
  });

  // The declarations themselves are checked above (skipLibCheck: false); here only how each mode finds them.
  it.each([
    ['node10 (main, types and typesVersions)', { module: 'ESNext', moduleResolution: 'node10' }],
    ['bundler (exports)', { module: 'ESNext', moduleResolution: 'bundler' }],
  ])('every entry point resolves and type-checks with moduleResolution %s', (_name, options) => {
    expect(typecheck('subpaths.ts', { ...options, skipLibCheck: true })).toBe('');
  });

  it('loads and works at run time, as ESM: the root, a spec entry and the testing entry', () => {
    writeFileSync(join(project, 'run.mjs'), ROOT_USAGE);
    const ran = execFileSync(process.execPath, ['run.mjs'], { cwd: project, encoding: 'utf8' });
    expect(ran).toBe('true true function function\nhi false\nf\nYou said: "from the tarball".\n');
  });
});
