import type { Issue } from './issues.js';

/** A value that does not match the spec; the message lists every problem with its pointer, one per line. */
export class SpecValidationError extends Error {
  readonly issues: Issue[];
  readonly schema: string;

  constructor(schema: string, issues: Issue[], what = 'value') {
    const lines = issues.map((i) => `  ${i.pointer || '/'}: ${i.message}`);
    super(`${what} does not match ${schema}:\n${lines.join('\n')}`);
    this.name = 'SpecValidationError';
    this.schema = schema;
    this.issues = issues;
  }
}
