/**
 * Source-level rewrites of ajv's standalone output, each in its own file,
 * that keep every verdict and every error object as they are: the
 * differential tests (test/validation/rewrite.test.ts) check the rewritten
 * code against `ajv.compile` of the same schemas, errors included, and each
 * rewrite leaves code it does not recognise alone. They make the shipped
 * validators smaller (less for V8 to parse at import) and faster.
 *
 * Why none of them can touch schema text. ajv copies schema text into its
 * code only as string literals and as property names after a `.`
 * (`data.type`). compile.ts masks the literals first (literals.ts: acorn's
 * tokenizer finds them; each one that is not a plain word becomes an opaque
 * placeholder), so what the rewrites see of a literal is a whole token
 * `"..."` with no code-like content. Then, for each:
 *
 * - `positional`, `keyOrder`, `nullable*`, `deadTagChecks`, `tagSwitches`,
 *   `enumSets`, `errorTable`, `shortForms` and compile.ts's `compact`: every pattern
 *   starts at code only ajv writes (`{instancePath`, `const errN = `,
 *   `if(tagN === `, `for(const keyN in `, `vErrors = ...`), holds a space,
 *   `=`, `(` or `{` (which neither a plain word nor a placeholder holds),
 *   reads a literal only through `"(?:[^"\\]|\\.)*"` (a whole token), and
 *   never matches a `.name` (each identifier it captures follows a `(`, a
 *   space, `{` or `;`). The bracket scans (scan.ts) skip whole literals.
 * - `dedupe`, `pruneSchemas` (and compile.ts's leftover checks): their
 *   identifier patterns consume a literal whole before anything else and
 *   refuse a name after `.` or `"` (`(?<![\w$."])`), so a property called
 *   `validate1` or `schema2` is never renamed. `pruneSchemas` reads schema
 *   constants as values (unmasked JSON) and writes what it keeps masked.
 * - `readOnce`: it starts at ajv's function head and its object block
 *   (`if(__isObj(data)){`), finds statements with the bracket scan (which
 *   skips whole literals), and matches `data.NAME` only where `data` is a
 *   whole name not after `.`, `"` or a name character. It reads NAME (a
 *   property name after a `.`) only to tell reads of one property from
 *   another, and writes it back unchanged (`(__propN = data.NAME)`), so no
 *   schema text is changed or moved into code of another form. Dropping
 *   ajv's copy `let dataN = __propM;` renames only the whole name `dataN`
 *   (not after `.`, `"` or a name character) inside that block. Why the
 *   answers stay the same is in read-once.ts.
 * - `errorCount`: it starts at ajv's function head and reads only the whole
 *   names `errors` and `vErrors` (not after `.`, `"` or a name character, so
 *   never a property name nor a plain literal such as `"errors"`) and the
 *   statements of ajv's own around them; a function that mentions either
 *   in any other way is left whole. It removes statements ajv wrote and
 *   writes `__count(vErrors)` or `!vErrors` in place of the name, so no
 *   literal is changed or moved. Why the answers stay the same is in
 *   error-count.ts.
 * - `nullableErrors`: it starts at `if(_errsN !== __count(vErrors)){vErrors = __errAt(`,
 *   reads a path only as whole literals and characters other than `,`,
 *   `"`, `(` and `)`, and finds the table's entries by the plain words
 *   `"type"`, `"null"` and `"anyOf"`; it moves the path, unchanged, into
 *   one call.
 * - The plain words left unmasked (`"type"`, `"anyOf"`) are matched only
 *   as whole literals, where the patterns name them.
 *
 * test/generator/hostile-schemas.test.ts checks this on enum values and
 * property names written to look like the code each pattern matches.
 */
import { dedupe } from './dedupe.js';
import type { LiteralTable } from './literals.js';
import { errorCount } from './error-count.js';
import { errorTable } from './error-table.js';
import { keyOrder } from './key-order.js';
import { enumSets, sharedLists, tagSwitches } from './lookups.js';
import { nullableErrors, nullableUnions, skipNullBranches } from './nullable.js';
import { positional } from './positional.js';
import { pruneSchemas } from './schemas.js';
import { readOnce } from './read-once.js';
import { shortForms } from './short-forms.js';
import { deadTagChecks } from './tag-checks.js';

export { dedupe, deadTagChecks, enumSets, errorCount, errorTable, keyOrder, nullableErrors, nullableUnions, positional, pruneSchemas, readOnce, sharedLists, shortForms, skipNullBranches, tagSwitches };
export { SHORT_FORM_HELPERS } from './short-forms.js';
export { ERROR_AT_HELPER } from './error-table.js';
export { KNOWN_HELPER } from './key-order.js';
export { ERROR_HELPER } from './positional.js';

/** The rewrites after `compact` (compile.ts), in the order they run. */
export const REWRITES: ReadonlyArray<(code: string, literals: LiteralTable) => string> = [
  positional, // instance paths as plain arguments, error sites through __err
  deadTagChecks, // a dispatched branch does not re-check its own tag
  skipNullBranches, // a nullable union checks X only for a non-null value
  nullableUnions, // ... and is one check after X
  dedupe, // identical functions and schema constants merged
  enumSets, // long enum chains become Set lookups
  tagSwitches, // long dispatch chains become a switch on a Map lookup
  pruneSchemas, // schema constants cut to what the code reads
  sharedLists, // a Set or tag Map of values a kept list holds is made from that list
  keyOrder, // allowed-names loops remember names by position
  errorTable, // error sites with fixed params through one constant each
  shortForms, // object tests and unknown-property error sites through helpers
  readOnce, // in an object block, a property read more than once is read once, into a local
  errorCount, // no error counter beside the list (every pattern above reads ajv's counter)
  nullableErrors, // last: a failed nullable union's two errors through one helper
];
