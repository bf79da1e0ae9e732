/**
 * What runs on the minified validators, as edits from one parse
 * (edits.ts): identical switch cases merged (merge-cases.ts), much-used
 * error-path suffixes made constants where the merged code still uses
 * them enough (hoist-paths.ts), and the `@__PURE__` marks esbuild drops
 * put back (pure.ts). A parse of a whole spec's validators costs 70-140 ms,
 * about a tenth of a user's `generate`; each pass once parsed on its own.
 */
import { editOnce } from './edits.js';
import { hoistEdits } from './hoist-paths.js';
import { mergeEdits } from './merge-cases.js';
import { pureEdits } from './pure.js';

export function afterMinify(code: string): string {
  return editOnce(code, mergeEdits, hoistEdits, pureEdits);
}
