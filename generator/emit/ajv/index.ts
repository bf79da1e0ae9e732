/**
 * Emits a spec's validators as three modules, so that what the client
 * loads is what it runs, each part its own chunk in a bundle:
 * - `compiled.js` (+ .d.ts): a strict ajv validator per component,
 *   compiled now and shipped as minified standalone ESM, the `assert<Name>`
 *   per type, and the bound API (`loadValidators()`, what the client and
 *   `loadSpec` import);
 * - `schemas.js`: each strict-prepared def's schema once, as JSON text, one
 *   named export per def (guards.ts): the data of the `is<Name>` guards, and
 *   of the runtime's tolerant interpreter, which derives the tolerant form
 *   from it (the slow path, run only after a strict failure); loaded beside
 *   compiled.js;
 * - `validators.js` (+ .d.ts): the spec's whole API: `validate`/`is`/`assert`
 *   bound to both, the asserters, and the `is<Name>` guards over that
 *   data. Declarations are type guards.
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
import { checkDerivable, schemaData } from './schema-data.js';
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
  checkDerivable(ir.schemas);
  const components = Object.keys(ir.schemas);
  const names = new Names(components, ['Operations']);
  const exports: Record<string, string> = {};
  components.forEach((c, i) => (exports[`s${i}`] = `strict#/$defs/${encodeURIComponent(c)}`));
  // The validators are module-private (ajv exports each; only the API below is exported).
  const strictDefs = prepareDefs(ir.schemas, 'strict');
  const standalone = compileStandalone([{ $id: 'strict', $defs: strictDefs }], exports, runtime, { private: true, patternModule: runtime });
  // is<Name>: a yes/no interpreter over compact, tree-shakeable schema data (guards.ts), not the compiled validator.
  // A prepared def that is no component (a helper the preparation made) gets a private guard.
  const isComponent = new Set(components);
  const helpers = Object.keys(strictDefs).filter((d) => !isComponent.has(d));
  const helperIndex = new Map(helpers.map((d, i) => [d, i]));
  const guardName = (d: string) => (isComponent.has(d) ? `is${names.of(d)}` : `__g${helperIndex.get(d)}`);
  const guards = guardData(strictDefs, '__strictGuard', '__guardPattern', guardName);
  const data = schemaData(strictDefs, components, guards);
  const dataName = data.nameOf;
  const errorSchema = ir.pin.errorSchema && Object.prototype.hasOwnProperty.call(ir.schemas, ir.pin.errorSchema) ? ir.pin.errorSchema : undefined;
  const table = `spec: ${strLit(ir.pin.spec)}, ${ir.pin.flavor !== undefined && ir.pin.flavor !== ir.pin.spec ? `flavor: ${strLit(ir.pin.flavor)}, ` : ''}${errorSchema ? `errorSchema: ${strLit(errorSchema)}, ` : ''}`;
  const guardOf = components.map((c) => guards.guardOf(c, `__data.${dataName(c)}`));
  // Every module-level statement is a declaration or a pure value, so a bundler that keeps one
  // guard (`isResponse`) keeps that validator's closure and nothing else: the bound API and the
  // schema data the client's tolerant path reads are made on first use.
  //
  // compiled.js: what the client loads (`anyresponses/<spec>/compiled`, loadValidators()): the
  // compiled strict validators, the asserters, and the bound API once schemas.js (its own chunk
  // in a bundle) is loaded. No guards: those are validators.js's.
  const compiled = [
    `import { bindSpec as __bindSpec, toIssues as __toIssues, SpecValidationError as __SpecValidationError, Interpreter as __Interpreter, tolerantSchemas as __tolerantSchemas } from ${strLit(runtime)};`,
    standalone,
    `export const schemaNames = /* @__PURE__ */ Object.freeze(${JSON.stringify(components)});`,
    `let __bound, __data;`,
    // A component's tolerant schema is derived from its strict data (schemas.js) on its first tolerant check, not at import or bind.
    `export function bindValidators(data) {`,
    `  __data ??= data;`,
    `  if (__bound === undefined) {`,
    `    let schemas;`,
    `    const tolerant = new __Interpreter((name) => (schemas ??= __tolerantSchemas(__data, schemaNames))(name));`,
    `    __bound = __bindSpec({ ${table}names: schemaNames, strict: [${components.map((_, i) => `s${i}`).join(',')}], tolerant: schemaNames.map((n) => tolerant.validator(n)) });`,
    `  }`,
    `  return __bound;`,
    `}`,
    `export function loadValidators() { return import('./schemas.js').then((m) => bindValidators(m)); }`,
    // The per-type asserters are made from the validators, not spelled out: hundreds of small
    // function declarations are code V8 has to parse at import. An asserter throws what
    // assert(name) throws (SpecValidationError with the strict issues) without the bound API.
    // A value nested past the stack (or containing itself) makes a strict validator throw a
    // RangeError: the guard answers false, the asserter asks the bound API (strict only), which names the spot.
    ...(guardOf.includes(undefined) ? [`const __guard = (f) => (value) => { try { return f(value); } catch (e) { if (e instanceof RangeError) return false; throw e; } };`] : []),
    `const __asserter = (f, name) => (value) => { let ok; try { ok = f(value); } catch (e) { if (!(e instanceof RangeError)) throw e; return bindValidators().assert(name, value); } if (!ok) throw new __SpecValidationError(name, __toIssues(f.errors, value)); };`,
    ...components.map((c, i) => {
      // A guard whose closure needs a keyword the interpreter lacks is the compiled validator's.
      const guard = guardOf[i] === undefined ? `is${names.of(c)} = /* @__PURE__ */ __guard(s${i}), ` : '';
      return `export const ${guard}assert${names.of(c)} = /* @__PURE__ */ __asserter(s${i}, ${strLit(c)});`;
    }),
    '',
  ].join('\n');
  // validators.js: the spec's whole API (`anyresponses/<spec>` re-exports it), by name and per type.
  // A star re-export links far cheaper than hundreds of named ones (it also passes on compiled.js's
  // loadValidators and bindValidators, which validators.d.ts declares).
  const api = [
    `import { validateStream as __validateStream, StreamChecker as __StreamChecker, strictGuard as __strictGuard } from ${strLit(runtime)};`,
    ...(guards.usesLinear ? [`import { linearPattern as __guardPattern } from ${strLit(runtime)};`] : []),
    `import { bindValidators as __bindValidators } from './compiled.js';`,
    `import * as __data from './schemas.js';`,
    `export * from './compiled.js';`,
    `export function specValidators() { return __bindValidators(__data); }`,
    `export function validate(name, value, options) { return specValidators().validate(name, value, options); }`,
    `export function is(name, value) { return specValidators().is(name, value); }`,
    `export function assert(name, value) { specValidators().assert(name, value); }`,
    `export function validateError(value, options) { return specValidators().validateError(value, options); }`,
    `export function validateStream(events, options) { return __validateStream(specValidators(), events, options); }`,
    `export function createStreamChecker(options) { return new __StreamChecker(specValidators(), options); }`,
    // One pure call each (strictGuard answers false for a RangeError itself), so a bundler can drop an unused guard.
    ...helpers.flatMap((d) => {
      // (An open variant's text is its guard's alone: schema-data.ts.)
      const guard = guards.guardOf(d);
      return guard === undefined ? [] : [`const ${guardName(d)} = /* @__PURE__ */ ${guard};`];
    }),
    ...components.flatMap((c, i) => (guardOf[i] === undefined ? [] : [`export const ${guardName(c)} = /* @__PURE__ */ ${guardOf[i]};`])),
    '',
  ].join('\n');
  const schemasModule = [...data.entries.map(([name, text]) => `export const ${name} = ${strLit(text)};`), `export const open = ${JSON.stringify(data.open)};`, ''].join('\n');
  // Minified by esbuild's service (minify.ts), all three at once; the compiled validators then go
  // through the passes on the parsed program (after-minify.ts), and every module gets its pure marks.
  const min = (code: string, keepNames = false) => (options.minify === false ? Promise.resolve(code) : minify(code, keepNames));
  // schemas.js: each def's strict schema as JSON text (a string scans fast and parses on first use), and the open variants' components.
  // (esbuild's minifier picks the quote that needs the fewest escapes: JSON's double quotes then stay as they are.)
  const [compiledMin, apiMin, schemasJs] = await Promise.all([min(compiled), min(api), min(schemasModule, true)]);
  const compiledJs = options.minify === false ? markPure(compiled) : afterMinify(compiledMin);
  const js = markPure(apiMin);
  const compiledDts = [
    `import type { SchemaData, SpecValidators } from ${strLit(runtime)};`,
    `/** What the client loads to validate (the typed API is the spec's index: validators.d.ts). */`,
    `export declare const schemaNames: readonly string[];`,
    `/** The bound validators, once the schema data is loaded (schemas.js, its own chunk in a bundle). */`,
    `export declare function loadValidators(): Promise<SpecValidators>;`,
    `/** The bound validators; the schema data (schemas.js) must be given by the first caller that validates tolerantly. */`,
    `export declare function bindValidators(data?: SchemaData): SpecValidators;`,
    '',
  ].join('\n');

  const dts = [
    `import type * as T from './types.js';`,
    `import type { Issue, SchemaData, SpecValidators, StreamCheckOptions, StreamChecker, StreamResult, ValidateOptions, ValidationResult } from ${strLit(runtime)};`,
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
    `/** The same, with the schema data loaded as a module of its own (in a bundle, a chunk of its own: what the client does). */`,
    `export declare function loadValidators(): Promise<SpecValidators>;`,
    `/** The bound validators, given the schema data (the module schemas.js; a later caller's is ignored). */`,
    `export declare function bindValidators(data?: SchemaData): SpecValidators;`,
    `export type { Issue, ValidationResult, ValidateOptions, StreamResult, StreamCheckOptions };`,
    `/** A schema's guard (\`isResponse\`): a strict check, as a type guard. */`,
    `type Is<T> = (value: unknown) => value is T;`,
    `/** A schema's assertion (\`assertResponse\`): a strict check that throws a SpecValidationError listing every problem with its pointer. */`,
    `type Assert<T> = (value: unknown) => asserts value is T;`,
    // One declaration per schema, its guard and assertion typed by the two aliases: a third of the
    // size of two function declarations each, for the same types (an assertion called through a
    // name needs that name's type annotated, as here).
    ...components.map((c) => {
      const id = names.of(c);
      return `export declare const is${id}: Is<T.${id}>, assert${id}: Assert<T.${id}>;`;
    }),
    '',
  ].join('\n');
  return [
    { path: inDir(dir, 'compiled.js'), header: 'ts', contents: compiledJs },
    { path: inDir(dir, 'compiled.d.ts'), header: 'ts', contents: compiledDts },
    { path: inDir(dir, 'schemas.js'), header: 'ts', contents: schemasJs },
    { path: inDir(dir, 'validators.js'), header: 'ts', contents: js },
    { path: inDir(dir, 'validators.d.ts'), header: 'ts', contents: dts },
  ];
}
