/**
 * Emits `client.js` and `client.d.ts` for a spec with a Responses create
 * operation (`POST .../responses`): `createClient(options)`, the runtime's
 * `createSpecClient` bound to this spec module and to the provider's
 * defaults (base URL, auth), typed with the spec's own request, response
 * and event types (the create operation's, from `Operations`), so
 * `responses()` returns the spec's response and a stream yields its event
 * union, extension events included. A spec without that operation gets no
 * client. Values reach the output only as escaped literals.
 */
import type { EmittedFile, IR } from '../ir/types.js';
import type { SpecClientDefaults } from './client-defaults.js';
import { inDir, RUNTIME_SPECIFIERS, type EmitOptions } from './options.js';
import { specRoles } from './roles.js';
import { jsdoc, propKey, strLit as str } from './typescript/escape.js';

/** The defaults as a frozen object literal (keys in a fixed order, absent ones left out). */
function defaultsLiteral(d: SpecClientDefaults): string {
  const parts: string[] = [];
  if (d.baseURL !== undefined) parts.push(`baseURL: ${str(d.baseURL)}`);
  if (d.baseURLEnv !== undefined) parts.push(`baseURLEnv: ${str(d.baseURLEnv)}`);
  if (d.auth !== undefined) {
    const a = d.auth;
    const auth = [`style: ${str(a.style)}`];
    if (a.header !== undefined) auth.push(`header: ${str(a.header)}`);
    if (a.env !== undefined) auth.push(`env: ${str(a.env)}`);
    if (a.required !== undefined) auth.push(`required: ${a.required ? 'true' : 'false'}`);
    parts.push(`auth: /* @__PURE__ */ Object.freeze({ ${auth.join(', ')} })`);
  }
  return parts.length ? `/* @__PURE__ */ Object.freeze({ ${parts.join(', ')} })` : '/* @__PURE__ */ Object.freeze({})';
}

export function emitClient(ir: IR, options: EmitOptions): EmittedFile[] {
  const { schemas, create } = specRoles(ir);
  if (!create || !schemas.request || !schemas.response) return [];
  const root = str(RUNTIME_SPECIFIERS[options.runtime].root);
  const op = (field: string) => `T.Operations[${str(create.id)}][${str(field)}]`;
  const event = schemas.event ? op('streamEvent') : 'never';
  const defaults = options.client ?? {};
  const where = `${create.method.toUpperCase()} ${create.path}`;
  const js = [
    `import { createSpecClient } from ${root};`,
    `import * as spec from './index.js';`,
    `export const DEFAULTS = ${defaultsLiteral(defaults)};`,
    `export function createClient(options) { return createSpecClient(spec, DEFAULTS, options); }`,
    '',
  ].join('\n');
  const dts = [
    `import type { SpecClient, SpecClientDefaults, SpecClientOptions } from ${root};`,
    `import type * as T from './types.js';`,
    jsdoc(`A client of this spec: \`responses(body)\` sends ${where} and returns the spec's response, or with \`stream: true\` a ResponseStream of its events.`, [], '') +
      `export type Client = SpecClient<${op('requestBody')}, ${op('response')}, ${event}>;`,
    `/** The provider's defaults (from the codegen config): base URL, its env var, and how the key is sent. */`,
    `export declare const DEFAULTS: SpecClientDefaults & ${defaultsType(defaults)};`,
    jsdoc('Creates a client. Options win over the defaults: `apiKey` (else the auth env var), `apiBase` (else the base URL env var, else the default), `clientArgs`, `limits`, `validate`, `onWarnings`.', [], '') +
      `export declare function createClient(options?: SpecClientOptions): Client;`,
    '',
  ].join('\n');
  return [
    { path: inDir(options.dir, 'client.js'), header: 'ts', contents: js },
    { path: inDir(options.dir, 'client.d.ts'), header: 'ts', contents: dts },
  ];
}

/** The defaults' literal type, so `DEFAULTS.baseURL` reads as what was configured. */
function defaultsType(d: SpecClientDefaults): string {
  const parts: string[] = [];
  if (d.baseURL !== undefined) parts.push(`readonly baseURL: ${str(d.baseURL)};`);
  if (d.baseURLEnv !== undefined) parts.push(`readonly baseURLEnv: ${str(d.baseURLEnv)};`);
  if (d.auth?.env !== undefined) parts.push(`readonly auth: { readonly style: ${str(d.auth.style)}; readonly ${propKey('env')}: ${str(d.auth.env)} };`);
  return parts.length ? `{ ${parts.join(' ')} }` : '{}';
}
