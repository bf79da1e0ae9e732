/**
 * One module per provider (`anyresponses/providers/<name>`), from the
 * handlebars templates in templates/: its metadata and a client factory,
 * which runtime/client/provider-client.ts makes (methods for exactly the
 * operations it supports); the declaration file types those methods. Templates hold fixed text;
 * every value from a manifest is turned into an escaped literal or a checked
 * identifier here before it reaches them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { EmittedFile } from '../../ir/types.js';
import { strLit, toIdentifier } from '../typescript/escape.js';

const commentSafe = (s: string) => s.replace(/\*\//g, '*\\/').replace(/[\r\n\u2028\u2029]+/g, ' ');
/** A manifest's operation, and the client method that does it (ProviderClientMethods in the root types). */
const METHODS: ReadonlyArray<[operation: string, method: string]> = [
  ['create', 'create'], ['stream', 'stream'], ['retrieve', 'retrieve'], ['cancel', 'cancel'], ['delete', 'delete'],
  ['input_items', 'inputItems'], ['compact', 'compact'], ['input_tokens', 'inputTokens'],
];
const pascal = (s: string) => s.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');

export function emitProviderModules(manifests: Array<Record<string, unknown>>, templatesDir: string): EmittedFile[] {
  const compile = (f: string) => Handlebars.compile(readFileSync(join(templatesDir, f), 'utf8'), { noEscape: true, strict: true });
  const js = compile('provider.js.hbs');
  const dts = compile('provider.d.ts.hbs');
  return manifests.flatMap((m) => {
    const name = String(m.name);
    const ops = (m.operations as string[] | undefined) ?? [];
    const data = {
      nameLiteral: strLit(name),
      displayNameComment: commentSafe(String(m.displayName ?? name)),
      factory: toIdentifier(name.replace(/-([a-z])/g, (_x, c: string) => c.toUpperCase())),
      clientType: `${pascal(name)}Client`,
      responses: m.responses === true,
      flavor: m.flavor === 'openresponses' ? 'openresponses' : 'openai',
      responseType: m.flavor === 'openresponses' ? 'ResponseResource' : 'Response',
      methodsLiteral: '',
    };
    // The methods providerClient (runtime/client/provider-client.ts) binds, for the declaration file.
    const methods = METHODS.filter(([op]) => ops.includes(op)).map(([, method]) => method);
    if (data.responses && m.websocket !== undefined) methods.push('connect');
    data.methodsLiteral = methods.length ? methods.map(strLit).join(' | ') : 'never';
    return [
      { path: `providers/${name}.js`, header: 'ts' as const, contents: js(data) },
      { path: `providers/${name}.d.ts`, header: 'ts' as const, contents: dts(data) },
    ];
  });
}
