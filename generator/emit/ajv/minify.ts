/**
 * Minifies a generated module with esbuild's asynchronous service. The
 * service is one child process that lives as long as the generator: the
 * first request pays for starting it (about 150-250 ms, more than the
 * minification of a whole spec's validators), so `warmMinifier()` sends an
 * empty request before the CPU-bound ajv compile, and the process starts
 * while the compile runs. esbuild's synchronous API would start it at the
 * point of the call, in a worker thread of its own, and wait.
 */
import { transform } from 'esbuild';

const OPTIONS = { minify: true, format: 'esm', target: 'es2022', legalComments: 'none' } as const;

let warming: Promise<unknown> | undefined;

/** Starts esbuild's service now, without waiting for it (a failure surfaces in `minify`). */
export function warmMinifier(): void {
  warming ??= transform('').catch(() => undefined);
}

export async function minify(code: string): Promise<string> {
  warmMinifier();
  await warming;
  return (await transform(code, OPTIONS)).code;
}
