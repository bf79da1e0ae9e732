/**
 * Each flavor's generated validators, loaded on first use by one static
 * specifier per flavor, so bundlers (esbuild, Vite) see and include both.
 * What is loaded is the spec's compiled validators and its tolerant schemas
 * (`anyresponses/<flavor>/compiled`, two chunks in a bundle), not its whole
 * API: the per-type guards' data stays out of the app.
 * Shared by HTTP calls (client.ts) and WebSocket sessions (ws/).
 */
import type { Issue } from '../validation/issues.js';

export type Validate = (name: string, value: unknown, o?: { mode?: 'strict' | 'tolerant' }) => { ok: boolean; errors?: Issue[]; warnings: Issue[] };

interface Compiled {
  loadValidators(): Promise<{ validate: Validate }>;
}
const VALIDATORS: Record<'openai' | 'openresponses', () => Promise<Compiled>> = {
  openai: () => import('anyresponses/openai/compiled' as string),
  openresponses: () => import('anyresponses/openresponses/compiled' as string),
};
const validators = new Map<string, Promise<Validate>>();

export function validatorFor(flavor: 'openai' | 'openresponses'): Promise<Validate> {
  let v = validators.get(flavor);
  if (!v) {
    v = VALIDATORS[flavor]().then((m) => m.loadValidators()).then((bound) => bound.validate);
    validators.set(flavor, v);
  }
  return v;
}
