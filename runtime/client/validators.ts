/**
 * Each flavor's generated validators, loaded on first use by one static
 * specifier per flavor, so bundlers (esbuild, Vite) see and include both.
 * Shared by HTTP calls (client.ts) and WebSocket sessions (ws/).
 */
import type { Issue } from '../validation/issues.js';

export type Validate = (name: string, value: unknown, o?: { mode?: 'strict' | 'tolerant' }) => { ok: boolean; errors?: Issue[]; warnings: Issue[] };

const VALIDATORS = {
  openai: () => import('anyresponses/openai' as string),
  openresponses: () => import('anyresponses/openresponses' as string),
};
const validators = new Map<string, Promise<Validate>>();

export function validatorFor(flavor: 'openai' | 'openresponses'): Promise<Validate> {
  let v = validators.get(flavor);
  if (!v) {
    v = VALIDATORS[flavor]().then((m: { validate: Validate }) => m.validate);
    validators.set(flavor, v);
  }
  return v;
}
