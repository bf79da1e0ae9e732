/**
 * Emits `<spec>/validators.js` and `<spec>/validators.d.ts`: a strict ajv
 * validator per component, compiled now and shipped as minified standalone
 * ESM; the tolerant-prepared schemas as compact data for the runtime's
 * tolerant interpreter (the slow path, run only after a strict failure);
 * the `validate`/`is`/`assert` API bound to both; and an `is<Name>` /
 * `assert<Name>` pair per type whose declarations are type guards.
 */
import type { EmittedFile, IR } from '../../ir/types.js';
import { strLit } from '../typescript/escape.js';
import { Names } from '../typescript/names.js';
import { compileStandalone } from './compile.js';
import { guardData } from './guards.js';
import { checkPatterns } from './patterns.js';
import { afterMinify } from './after-minify.js';
import { markPure } from './pure.js';
import { minify, warmMinifier } from './minify.js';
import { prepareDefs } from './prepare.js';
import { inDir, RUNTIME_SPECIFIERS, type EmitOptions } from '../options.js';

export interface ValidatorOptions extends Partial<EmitOptions> {
  /** Minify the standalone code (default true; off only to debug). */
  minify?: boolean;
}

const warnOnStderr = (message: string) => console.warn(`anyresponses generate: warning: ${message}`);

export async function emitValidators(ir: IR, options: ValidatorOptions = {}): Promise<EmittedFile[]> {
  // esbuild's service starts while ajv compiles (minify.ts).
  if (options.minify !== false) warmMinifier();
  const dir = options.dir ?? ir.pin.spec;
  // The validation runtime is one bundled module (scripts/bundle-root.mjs), its public entry `anyresponses/validation`.
  const runtime = RUNTIME_SPECIFIERS[options.runtime ?? 'relative'].validation;
  checkPatterns(ir.schemas, options.warn ?? warnOnStderr);
  const components = Object.keys(ir.schemas);
  const names = new Names(components, ['Operations']);
  const exports: Record<string, string> = {};
  components.forEach((c, i) => (exports[`s${i}`] = `strict#/$defs/${encodeURIComponent(c)}`));
  // The validators are module-private (ajv exports each; only the API below is exported).
  const strictDefs = prepareDefs(ir.schemas, 'strict');
  const standalone = compileStandalone([{ $id: 'strict', $defs: strictDefs }], exports, runtime, { private: true, patternModule: runtime });
  // is<Name>: a yes/no interpreter over compact, tree-shakeable schema data (guards.ts), not the compiled validator.
  const guards = guardData(strictDefs, '__strictGuard', '__guardPattern');
  const tolerantDefs = JSON.stringify(prepareDefs(ir.schemas, 'tolerant'));

  const errorSchema = ir.pin.errorSchema && Object.prototype.hasOwnProperty.call(ir.schemas, ir.pin.errorSchema) ? ir.pin.errorSchema : undefined;
  // Every module-level statement is a declaration or a pure value, so a bundler that keeps one
  // guard (`isResponse`) keeps that validator's closure and nothing else: the bound API and the
  // tolerant schemas (data for the interpreter) are made on first use, inside specValidators().
  const api = [
    `import { bindSpec as __bindSpec, toIssues as __toIssues, SpecValidationError as __SpecValidationError, validateStream as __validateStream, StreamChecker as __StreamChecker, Interpreter as __Interpreter } from ${strLit(runtime)};`,
    `import { strictGuard as __strictGuard } from ${strLit(runtime)};`,
    ...(guards.usesLinear ? [`import { linearPattern as __guardPattern } from ${strLit(runtime)};`] : []),
    standalone,
    ...guards.declarations,
    `export const schemaNames = /* @__PURE__ */ Object.freeze(${JSON.stringify(components)});`,
    `let __bound;`,
    `export function specValidators() {`,
    `  if (__bound === undefined) {`,
    // Parsed on the first tolerant check, not at import.
    `    const tolerant = new __Interpreter(() => JSON.parse(${strLit(tolerantDefs)}));`,
    `    __bound = __bindSpec({ spec: ${strLit(ir.pin.spec)}, ${ir.pin.flavor !== undefined && ir.pin.flavor !== ir.pin.spec ? `flavor: ${strLit(ir.pin.flavor)}, ` : ''}${errorSchema ? `errorSchema: ${strLit(errorSchema)}, ` : ''}names: schemaNames, strict: [${components.map((_, i) => `s${i}`).join(',')}], tolerant: schemaNames.map((n) => tolerant.validator(n)) });`,
    `  }`,
    `  return __bound;`,
    `}`,
    `export function validate(name, value, options) { return specValidators().validate(name, value, options); }`,
    `export function is(name, value) { return specValidators().is(name, value); }`,
    `export function assert(name, value) { specValidators().assert(name, value); }`,
    `export function validateError(value, options) { return specValidators().validateError(value, options); }`,
    `export function validateStream(events, options) { return __validateStream(specValidators(), events, options); }`,
    `export function createStreamChecker(options) { return new __StreamChecker(specValidators(), options); }`,
    // The per-type pairs are made from the validators, not spelled out: hundreds of small
    // function declarations are code V8 has to parse at import. An asserter throws what
    // assert(name) throws (SpecValidationError with the strict issues) without the bound API.
    // A value nested past the stack (or containing itself) makes a strict validator throw a
    // RangeError: the guard answers false, the asserter asks the bound API, which names the spot.
    `const __guard = (f) => (value) => { try { return f(value); } catch (e) { if (e instanceof RangeError) return false; throw e; } };`,
    `const __asserter = (f, name) => (value) => { let ok; try { ok = f(value); } catch (e) { if (!(e instanceof RangeError)) throw e; return specValidators().assert(name, value); } if (!ok) throw new __SpecValidationError(name, __toIssues(f.errors, value)); };`,
    ...components.map((c, i) => {
      const guard = guards.guardOf(c);
      // strictGuard answers false for a RangeError itself (one pure call, so a bundler can drop an unused guard).
      return `export const is${names.of(c)} = /* @__PURE__ */ ${guard ?? `__guard(s${i})`}, assert${names.of(c)} = /* @__PURE__ */ __asserter(s${i}, ${strLit(c)});`;
    }),
    '',
  ].join('\n');
  // Minified, then the passes on the parsed program (after-minify.ts).
  const js = options.minify === false ? markPure(api) : afterMinify(await minify(api));

  const dts = [
    `import type * as T from './types.js';`,
    `import type { Issue, SpecValidators, StreamCheckOptions, StreamChecker, StreamResult, ValidateOptions, ValidationResult } from ${strLit(runtime)};`,
    `/** Every schema with a validator, by its name in the spec. */`,
    `export interface Schemas {`,
    ...components.map((c) => `  ${strLit(c)}: T.${names.of(c)};`),
    `}`,
    `export type SchemaName = keyof Schemas;`,
    `export declare const schemaNames: readonly SchemaName[];`,
    `/** Validates a value against a schema: tolerant by default (deviations are warnings), or strict. */`,
    `export declare function validate<N extends SchemaName>(name: N, value: unknown, options?: ValidateOptions): ValidationResult<Schemas[N]>;`,
    `/** Strict check, as a type guard. */`,
    `export declare function is<N extends SchemaName>(name: N, value: unknown): value is Schemas[N];`,
    `/** Strict check; throws a SpecValidationError listing every problem with its pointer. */`,
    `export declare function assert<N extends SchemaName>(name: N, value: unknown): asserts value is Schemas[N];`,
    `/** Validates a provider error body {"error": {...}} against the spec's error shape. */`,
    `export declare function validateError(value: unknown, options?: ValidateOptions): ValidationResult<{ error: unknown }>;`,
    `export declare function validateStream(events: Iterable<unknown>, options?: StreamCheckOptions): StreamResult;`,
    `export declare function createStreamChecker(options?: StreamCheckOptions): StreamChecker;`,
    `/** The bound validators of this spec (made on first use), for the runtime's registry. */`,
    `export declare function specValidators(): SpecValidators;`,
    `export type { Issue, ValidationResult, ValidateOptions, StreamResult, StreamCheckOptions };`,
    ...components.map((c) => {
      const id = names.of(c);
      return `export declare function is${id}(value: unknown): value is T.${id};\nexport declare function assert${id}(value: unknown): asserts value is T.${id};`;
    }),
    '',
  ].join('\n');
  return [
    { path: inDir(dir, 'validators.js'), header: 'ts', contents: js },
    { path: inDir(dir, 'validators.d.ts'), header: 'ts', contents: dts },
  ];
}
