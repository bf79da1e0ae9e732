/**
 * Runs every recording through the generated validators: bodies against
 * `Response` (OpenAI, xAI) or `ResponseResource` (LM Studio), error bodies
 * against the error shape, streams through the stream checker.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flavorOf, recordings, repoRoot, type Recording } from './shared.js';

export interface Outcome {
  recording: Recording;
  ok: boolean;
  errors: Array<{ pointer: string; message: string; index?: number }>;
  warnings: Array<{ pointer: string; keyword: string; message: string; index?: number }>;
}

type Spec = {
  validate(name: string, value: unknown, o?: { mode?: 'strict' | 'tolerant' }): { ok: boolean; errors?: Outcome['errors']; warnings: Outcome['warnings'] };
  validateError(value: unknown, o?: { mode?: 'strict' | 'tolerant' }): { ok: boolean; errors?: Outcome['errors']; warnings: Outcome['warnings'] };
  validateStream(events: unknown[], o?: { mode?: 'strict' | 'tolerant' }): { ok: boolean; errors: Outcome['errors']; warnings: Outcome['warnings'] };
};

export async function loadSpecs(): Promise<Record<'openai' | 'openresponses', Spec>> {
  const load = (s: string) => import(join(repoRoot, 'generated', s, 'validators.js')) as Promise<Spec>;
  return { openai: await load('openai'), openresponses: await load('openresponses') };
}

export const bodySchema = { openai: 'Response', openresponses: 'ResponseResource' } as const;

export function isErrorBody(v: unknown): boolean {
  return typeof v === 'object' && v !== null && 'error' in v && !('object' in v) && !('output' in v);
}

export function readEvents(file: string): unknown[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

export async function runConformance(mode: 'strict' | 'tolerant'): Promise<Outcome[]> {
  const specs = await loadSpecs();
  return recordings().map((recording) => {
    const flavor = flavorOf(recording.provider);
    const spec = specs[flavor];
    if (recording.kind === 'chunks') {
      const r = spec.validateStream(readEvents(recording.file), { mode });
      return { recording, ok: r.ok, errors: r.errors, warnings: r.warnings };
    }
    const body = JSON.parse(readFileSync(recording.file, 'utf8'));
    const r = isErrorBody(body) ? spec.validateError(body, { mode }) : spec.validate(bodySchema[flavor], body, { mode });
    return { recording, ok: r.ok, errors: r.errors ?? [], warnings: r.warnings };
  });
}

/** One line per distinct deviation: recording, pointer with array indexes folded, keyword. */
export function shapes(outcomes: Outcome[], pick: 'errors' | 'warnings'): string[] {
  const set = new Set<string>();
  for (const o of outcomes) {
    for (const i of o[pick]) {
      const kw = (i as { keyword?: string }).keyword ?? '';
      set.add(`${o.recording.provider}/${o.recording.name}\t${i.pointer.replace(/\/\d+(?=\/|$)/g, '/*')}\t${kw}`);
    }
  }
  return [...set].sort();
}
