/**
 * `dedupe`: ajv compiles a schema once per place it is reached from, so
 * many functions (and schema constants) come out identical apart from
 * their own name. Identical ones are merged, repeatedly, since merging
 * makes their callers identical too.
 */
import { segments } from './scan.js';

/** A literal (skipped whole), or ajv's name of a function or constant (never a property name: those follow a `.`). */
const IDS = /"(?:[^"\\]|\\.)*"|(?<![\w$.])(?:validate|schema)\d+\b/g;
const renameIds = (code: string, map: Map<string, string>) => code.replace(IDS, (m) => (m[0] === '"' ? m : (map.get(m) ?? m)));

/** Merges functions and schema constants that are identical apart from their own name. */
export function dedupe(code: string): string {
  const segs = segments(code);
  for (;;) {
    const first = new Map<string, string>();
    const rename = new Map<string, string>();
    for (const s of segs) {
      if (!s.kind || s.removed) continue;
      const self = new Map([[s.name!, s.kind === 'function' ? 'validate$' : 'schema$']]);
      const key = `${s.kind}\u0000${renameIds(s.text, self)}`;
      const canonical = first.get(key);
      if (canonical === undefined) first.set(key, s.name!);
      else {
        rename.set(s.name!, canonical);
        s.removed = true;
      }
    }
    if (rename.size === 0) break;
    for (const s of segs) if (!s.removed) s.text = renameIds(s.text, rename);
  }
  return segs
    .filter((s) => !s.removed)
    .map((s) => s.text)
    .join('');
}
