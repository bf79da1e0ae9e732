/**
 * Source-level rewrites of ajv's standalone output, each in its own file,
 * that keep every verdict and every error object as they are: the
 * differential tests (test/validation/rewrite.test.ts) check the rewritten
 * code against `ajv.compile` of the same schemas, errors included, and each
 * rewrite leaves code it does not recognise alone. They make the shipped
 * validators smaller (less for V8 to parse at import) and faster.
 */
import { dedupe } from './dedupe.js';
import { errorTable } from './error-table.js';
import { keyOrder } from './key-order.js';
import { enumSets, tagSwitches } from './lookups.js';
import { nullableUnions, skipNullBranches } from './nullable.js';
import { positional } from './positional.js';
import { pruneSchemas } from './schemas.js';
import { deadTagChecks } from './tag-checks.js';

export { dedupe, deadTagChecks, enumSets, errorTable, keyOrder, nullableUnions, positional, pruneSchemas, skipNullBranches, tagSwitches };
export { ERROR_AT_HELPER } from './error-table.js';
export { KNOWN_HELPER } from './key-order.js';
export { ERROR_HELPER } from './positional.js';

/** The rewrites after `compact` (compile.ts), in the order they run. */
export const REWRITES: ReadonlyArray<(code: string) => string> = [
  positional, // instance paths as plain arguments, error sites through __err
  deadTagChecks, // a dispatched branch does not re-check its own tag
  skipNullBranches, // a nullable union checks X only for a non-null value
  nullableUnions, // ... and is one check after X
  dedupe, // identical functions and schema constants merged
  enumSets, // long enum chains become Set lookups
  tagSwitches, // long dispatch chains become a switch on a Map lookup
  pruneSchemas, // schema constants cut to what the code reads
  keyOrder, // allowed-names loops remember names by position
  errorTable, // last: error sites with fixed params through one table
];
