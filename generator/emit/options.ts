/**
 * What the emitters take besides the IR, and how generated code imports the
 * runtime: the contract between `@anyresponses/codegen` and `anyresponses`.
 *
 * Generated code imports the runtime through two entries and nothing else:
 *
 * - `anyresponses/validation` (validators.js): the validation runtime
 *   (`bindSpec`, `Interpreter`, `toIssues`, `SpecValidationError`,
 *   `validateStream`, `StreamChecker`, ajv's `equal`/`ucs2length`, and
 *   `linearPattern` for super-linear patterns; and, for index.js's
 *   `toInputItems`, `convertItems` and `flavorOption`);
 * - `anyresponses` (client.js): `createSpecClient` and its types.
 *
 * In a user's project they are package specifiers (`package`); this
 * repository's own `generated/` reaches the same modules by relative paths
 * into `dist/runtime/` (`relative`), the one difference between the two
 * outputs (test/generator/user-spec-parity.test.ts).
 */
import type { SpecClientDefaults } from './client-defaults.js';

export type RuntimeImports = 'relative' | 'package';

export const RUNTIME_SPECIFIERS: Readonly<Record<RuntimeImports, { validation: string; root: string }>> = Object.freeze({
  relative: Object.freeze({ validation: '../../dist/runtime/validation/index.js', root: '../../dist/runtime/index.js' }),
  package: Object.freeze({ validation: 'anyresponses/validation', root: 'anyresponses' }),
});

export interface EmitOptions {
  /** The spec's folder below the output root: `openai` in generated/, '' for a folder of the user's own. */
  dir: string;
  /** How generated code imports the runtime. */
  runtime: RuntimeImports;
  /** The provider's defaults written into client.js (base URL, auth). */
  client?: SpecClientDefaults;
  /** Where generate-time warnings go (a super-linear pattern); default stderr. */
  warn?: (message: string) => void;
}

/** The options this repository's own generation uses for a spec. */
export function repoEmitOptions(spec: string): EmitOptions {
  return { dir: spec, runtime: 'relative' };
}

/** A path inside the spec's folder. */
export function inDir(dir: string, file: string): string {
  return dir ? `${dir}/${file}` : file;
}
