/**
 * Minifies a generated module with esbuild's asynchronous service. The
 * service is one child process that lives as long as the generator: the
 * first request pays for starting it (about 150-250 ms, more than the
 * minification of a whole spec's validators), so `warmMinifier()` sends an
 * empty request before the CPU-bound ajv compile, and the process starts
 * while the compile runs. esbuild's synchronous API would start it at the
 * point of the call, in a worker thread of its own, and wait.
 */
import { transform, type TransformOptions } from 'esbuild';

const OPTIONS: TransformOptions = { minify: true, format: 'esm', target: 'es2022', legalComments: 'none' };
/** The same, local names kept. */
const KEEP_NAMES: TransformOptions = { ...OPTIONS, minify: false, minifyWhitespace: true, minifySyntax: true };

let warming: Promise<unknown> | undefined;

/** Starts esbuild's service now, without waiting for it (a failure surfaces in `minify`). */
export function warmMinifier(): void {
  warming ??= transform('').catch(() => undefined);
}

/** `keepNames`: local names stay (a module of exported constants then needs no `export { e as d0 }` list). */
export async function minify(code: string, keepNames = false): Promise<string> {
  warmMinifier();
  await warming;
  return (await transform(code, keepNames ? KEEP_NAMES : OPTIONS)).code;
}
