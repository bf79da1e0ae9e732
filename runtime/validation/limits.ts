/**
 * The bounds of validation, in one place. Each keeps the work or the text that
 * a hostile value can cause in proportion to the value, never beyond it.
 */
export const VALIDATION_LIMITS = {
  /**
   * Nesting (objects and arrays) the tolerant check follows into a value before it reports
   * `maxDepth` at that pointer. A recursive schema (OpenAI's `CompoundFilter`) nested deeper, or
   * a value that contains itself, is an issue, never a stack overflow. The strict validators
   * have no depth check of their own: when one runs out of stack, the value is walked once,
   * without recursion, to name the pointer where it passes this depth or closes a cycle.
   */
  maxDepth: 256,
  /** Characters of a value (a tag, a property name, a string) quoted in an issue's message. */
  maxQuoted: 60,
};

/** `s` cut to `VALIDATION_LIMITS.maxQuoted` characters, with '...' when it was longer. */
export function clip(s: string): string {
  const n = VALIDATION_LIMITS.maxQuoted;
  return s.length > n ? s.slice(0, n - 3) + '...' : s;
}
