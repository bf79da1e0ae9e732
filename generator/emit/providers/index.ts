/**
 * Emits `providers/registry.js` (every manifest, as deep-frozen data: the
 * one copy, which each provider module reads its `metadata` from), its `.d.ts` (the
 * provider names as literal unions, by flavor) and `providers/manifest.d.ts`
 * (the manifest type, from our JSON Schema by json-schema-to-typescript).
 */
import { compile } from 'json-schema-to-typescript';
import type { EmittedFile } from '../../ir/types.js';
import { strLit } from '../typescript/escape.js';
import type { LoadedManifests } from '../../load/providers.js';

/**
 * What programs read of a manifest: all of it but `notes`, prose for people (a quarter of the
 * manifests' bytes), which stays in `schemas/providers/<name>.json`, shipped beside generated/.
 */
const withoutNotes = (m: Record<string, unknown>) => Object.fromEntries(Object.entries(m).filter(([k]) => k !== 'notes'));

const union = (names: string[]) => (names.length ? names.map(strLit).join(' | ') : 'never');

export async function emitProviders(loaded: LoadedManifests): Promise<EmittedFile[]> {
  const ms = loaded.manifests;
  const names = ms.map((m) => String(m.name));
  const flavored = (f: string) => ms.filter((m) => m.responses && m.flavor === f).map((m) => String(m.name));
  const manifestType = await compile(loaded.schema as Parameters<typeof compile>[0], 'ProviderManifest', {
    bannerComment: '',
    additionalProperties: false,
    format: false,
    style: { singleQuote: true },
  });
  // Frozen all the way down: the client reads these entries (base URLs, auth) and
  // `anyresponses/providers/<name>` hands its entry to users as `metadata`.
  const js = [
    `const freeze = (v) => { if (v !== null && typeof v === 'object') { for (const k of Object.keys(v)) freeze(v[k]); Object.freeze(v); } return v; };`,
    `export const PROVIDERS = /* @__PURE__ */ freeze(JSON.parse(${strLit(JSON.stringify(ms.map(withoutNotes)))}));`,
    '',
  ].join('\n');
  const dts = [
    `import type { ProviderManifest } from './manifest.js';`,
    `export type { ProviderManifest };`,
    `/** A provider's manifest as the package carries it: without \`notes\` (prose, in schemas/providers/<name>.json). */`,
    `export type ProviderMetadata = Omit<ProviderManifest, 'notes'>;`,
    `/** Every known provider, in name order. */`,
    `export declare const PROVIDERS: readonly ProviderMetadata[];`,
    `export type ProviderName = ${union(names)};`,
    `/** Providers whose responses are OpenAI \`Response\` objects. */`,
    `export type OpenAIFlavorProvider = ${union(flavored('openai'))};`,
    `/** Providers whose responses are OpenResponses \`ResponseResource\` objects. */`,
    `export type OpenResponsesFlavorProvider = ${union(flavored('openresponses'))};`,
    '',
  ].join('\n');
  return [
    { path: 'providers/registry.js', header: 'ts', contents: js },
    { path: 'providers/registry.d.ts', header: 'ts', contents: dts },
    { path: 'providers/manifest.d.ts', header: 'ts', contents: manifestType },
  ];
}
