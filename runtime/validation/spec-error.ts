import { AnyResponsesError } from './error-base.js';
import type { Issue } from './issues.js';

/** How many issues the message lists (all are in `.issues`), and how long each line may be. */
export const SPEC_ERROR_MESSAGE = { issues: 20, lineLength: 300 };

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 3)}...` : s);

/**
 * A value that does not match the spec; the message lists the problems with their pointers, one
 * per line (the first 20, each at most 300 characters: a provider's hostile value cannot make a
 * message of megabytes); `issues` has them all.
 */
export class SpecValidationError extends AnyResponsesError {
  readonly issues: Issue[];
  readonly schema: string;

  constructor(schema: string, issues: Issue[], what = 'value') {
    const { issues: shown, lineLength } = SPEC_ERROR_MESSAGE;
    const lines = issues.slice(0, shown).map((i) => cut(`  ${i.pointer || '/'}: ${i.message}`, lineLength));
    if (issues.length > shown) lines.push(`  and ${issues.length - shown} more (see .issues)`);
    super(`${what} does not match ${schema}:\n${lines.join('\n')}`);
    this.name = 'SpecValidationError'; // explicit: a minifier renames classes
    this.schema = schema;
    this.issues = issues;
  }
}
