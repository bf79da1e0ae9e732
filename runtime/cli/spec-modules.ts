/**
 * The flavors' whole validation API (`anyresponses/openai`, `anyresponses/openresponses`), as
 * the CLI commands load it: through the package's own exports, as users get them, by static
 * specifiers that bundlers and vitest follow. (`as string` keeps tsc from resolving generated/
 * while it compiles the runtime; the emitted JS has the literal.)
 */
export const SPEC_MODULES = {
  openai: (): Promise<unknown> => import('anyresponses/openai' as string),
  openresponses: (): Promise<unknown> => import('anyresponses/openresponses' as string),
};
