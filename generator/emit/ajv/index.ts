/**
 * Emits `<spec>/validators.js` and `<spec>/validators.d.ts`: a strict ajv
 * validator per component, compiled now and shipped as minified standalone
 * ESM; the tolerant-prepared schemas as compact data for the runtime's
 * tolerant interpreter (the slow path, run only after a strict failure);
 * the `validate`/`is`/`assert` API bound to both; and an `is<Name>` /
 * `assert<Name>` pair per type whose declarations are type guards.
 */
import { transformSync } from 'esbuild';
import type { EmittedFile, IR } from '../../ir/types.js';
import { strLit } from '../typescript/escape.js';
import { Names } from '../typescript/names.js';
import { compileStandalone } from './compile.js';
import { checkPatterns } from './patterns.js';
import { prepareDefs } from './prepare.js';

/** Where the generated module finds the runtime (relative to generated/<spec>/). */
const RUNTIME = '../../dist/runtime/validation';

export interface ValidatorOptions {
  /** Minify the standalone code (default true; off only to debug). */
  minify?: boolean;
  /** Where generate-time warnings go (a super-linear pattern); default stderr. */
  warn?: (message: string) => void;
}

const warnOnStderr = (message: string) => console.warn(`anyresponses generate: warning: ${message}`);

export function emitValidators(ir: IR, options: ValidatorOptions = {}): EmittedFile[] {
  const dir = ir.pin.spec;
  checkPatterns(ir.schemas, options.warn ?? warnOnStderr);
  const components = Object.keys(ir.schemas);
  const names = new Names(components, ['Operations']);
  const exports: Record<string, string> = {};
  components.forEach((c, i) => (exports[`s${i}`] = `strict#/$defs/${encodeURIComponent(c)}`));
  // The validators are module-private (ajv exports each; only the API below is exported).
  const standalone = compileStandalone([{ $id: 'strict', $defs: prepareDefs(ir.schemas, 'strict') }], exports, `${RUNTIME}/index.js`).replace(
    /(^|[;}])export const s(\d+) = /gm,
    '$1const s$2 = ',
  );
  const tolerantDefs = JSON.stringify(prepareDefs(ir.schemas, 'tolerant'));

  const list = (prefix: string) => `[${components.map((_, i) => `${prefix}${i}`).join(',')}]`;
  const api = [
    // The validation runtime is one bundled module (scripts/bundle-root.mjs).
    `import { bindSpec, registerSpec, validateStream as __validateStream, StreamChecker as __StreamChecker, Interpreter as __Interpreter } from ${strLit(`${RUNTIME}/index.js`)};`,
    standalone,
    // Parsed on the first tolerant check, not at import.
    `const __tolerant = new __Interpreter(() => JSON.parse(${strLit(tolerantDefs)}));`,
    `export const schemaNames = Object.freeze(${JSON.stringify(components)});`,
    `const __strictList = ${list('s')};`,
    `const __spec = bindSpec({ spec: ${strLit(dir)}, ${ir.pin.errorSchema && ir.schemas[ir.pin.errorSchema] ? `errorSchema: ${strLit(ir.pin.errorSchema)}, ` : ''}names: schemaNames, strict: __strictList, tolerant: schemaNames.map((n) => __tolerant.validator(n)) });`,
    `registerSpec(__spec);`,
    `export const validate = __spec.validate;`,
    `export const is = __spec.is;`,
    `export const assert = __spec.assert;`,
    `export const validateError = __spec.validateError;`,
    `export function validateStream(events, options) { return __validateStream(__spec, events, options); }`,
    `export function createStreamChecker(options) { return new __StreamChecker(__spec, options); }`,
    // The per-type pairs are made from the tables, not spelled out: hundreds of small
    // function declarations are code V8 has to parse at import.
    `const __guard = (i) => { const f = __strictList[i]; return (value) => f(value); };`,
    `const __asserter = (i) => { const f = __strictList[i], name = schemaNames[i]; return (value) => { if (!f(value)) __spec.assert(name, value); }; };`,
    ...components.map((c, i) => `export const is${names.of(c)} = __guard(${i}), assert${names.of(c)} = __asserter(${i});`),
    '',
  ].join('\n');
  const js = options.minify === false ? api : transformSync(api, { minify: true, format: 'esm', target: 'es2022', legalComments: 'none' }).code;

  const dts = [
    `import type * as T from './types.js';`,
    `import type { Issue, StreamCheckOptions, StreamChecker, StreamResult, ValidateOptions, ValidationResult } from ${strLit(`${RUNTIME}/index.js`)};`,
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
    `export type { Issue, ValidationResult, ValidateOptions, StreamResult, StreamCheckOptions };`,
    ...components.map((c) => {
      const id = names.of(c);
      return `export declare function is${id}(value: unknown): value is T.${id};\nexport declare function assert${id}(value: unknown): asserts value is T.${id};`;
    }),
    '',
  ].join('\n');
  return [
    { path: `${dir}/validators.js`, header: 'ts', contents: js },
    { path: `${dir}/validators.d.ts`, header: 'ts', contents: dts },
  ];
}
