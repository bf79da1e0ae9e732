/**
 * The context a command works in: `--root DIR` when given, else the
 * `anyresponses` package found from the working directory (see
 * `findProjectRoot`). A root without `schemas/sources.json` is bad usage,
 * said once here with what to do.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultContext, PROJECT_PACKAGE, type GeneratorContext } from '../context.js';
import { UsageError } from './io.js';

export function projectContext(root: string | undefined, overrides: Partial<GeneratorContext> = {}): GeneratorContext {
  const ctx = defaultContext({ ...overrides, ...(root === undefined ? {} : { root: resolve(root) }) });
  if (!existsSync(ctx.sourcesFile)) {
    throw new UsageError(
      `no ${PROJECT_PACKAGE} package to work on: ${ctx.sourcesFile} does not exist. ` +
        `Run this inside the ${PROJECT_PACKAGE} repository or a project that has ${PROJECT_PACKAGE} installed, or pass --root DIR`,
    );
  }
  return ctx;
}
