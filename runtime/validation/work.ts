/**
 * Steps of issue building that a long list of findings could multiply: candidate comparisons
 * for duplicates and walks up pointers. Counted (one increment each) so that tests can show
 * they grow in proportion to the findings, whatever the machine's speed; nothing reads it at
 * run time.
 */
export const issueWork = { steps: 0 };
