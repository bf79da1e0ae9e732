/**
 * Reads the provider manifests (`schemas/providers/*.json`) and checks each
 * against `schemas/provider-manifest.schema.json`; an invalid one stops the
 * run naming the file and the JSON pointer. Reads only.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import { sha256 } from '../util/hash.js';

/** How the manifest schema is named among the providers' inputs. */
export const MANIFEST_SCHEMA_INPUT = 'schemas/provider-manifest.schema.json';

const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module.default;

export interface LoadedManifests {
  schema: Record<string, unknown>;
  manifests: Array<Record<string, unknown>>;
  /** sha256 of every input file, for the provenance header. */
  inputs: Array<{ name: string; sha256: string }>;
}

export function loadProviders(providersDir: string, schemaFile: string): LoadedManifests {
  const schemaText = readFileSync(schemaFile, 'utf8');
  const schema = JSON.parse(schemaText) as Record<string, unknown>;
  const check = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  const inputs = [{ name: MANIFEST_SCHEMA_INPUT, sha256: sha256(schemaText) }];
  const manifests: Array<Record<string, unknown>> = [];
  if (!existsSync(providersDir)) return { schema, manifests, inputs };
  for (const f of readdirSync(providersDir).filter((x) => x.endsWith('.json')).sort()) {
    const text = readFileSync(join(providersDir, f), 'utf8');
    let m: Record<string, unknown>;
    try {
      m = JSON.parse(text);
    } catch (e) {
      throw new Error(`schemas/providers/${f}: not valid JSON (${(e as Error).message})`);
    }
    if (!check(m)) {
      const first = check.errors![0];
      throw new Error(`schemas/providers/${f}#${first.instancePath}: ${first.message} (${JSON.stringify(first.params)})`);
    }
    if (`${m.name}.json` !== f) throw new Error(`schemas/providers/${f}#/name: expected '${f.slice(0, -5)}', found '${m.name}'`);
    const { $schema: _s, ...rest } = m;
    manifests.push(rest);
    inputs.push({ name: `schemas/providers/${f}`, sha256: sha256(text) });
  }
  return { schema, manifests, inputs };
}
