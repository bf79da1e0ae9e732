/**
 * Import-time staleness check for generated modules: each generated spec
 * entry records the pin (name and sha256) it was built from; if
 * `schemas/sources.json` beside it now pins something else, the generated
 * code is stale and one warning says so. Best effort and silent outside
 * Node (bundlers, browsers): it never throws.
 */
const warned = new Set<string>();

interface FsLike {
  readFileSync(path: URL, encoding: 'utf8'): string;
}

export function checkPin(sourcesUrl: URL, pinName: string, builtSha256: string, warn: (message: string) => void = defaultWarn): void {
  if (warned.has(pinName)) return;
  try {
    const fs = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:fs') as FsLike | undefined;
    if (!fs) return;
    const pins = (JSON.parse(fs.readFileSync(sourcesUrl, 'utf8')) as { pins?: Array<{ name: string; sha256: string; version?: string }> }).pins ?? [];
    const pin = pins.find((p) => p.name === pinName);
    if (!pin || pin.sha256 === builtSha256) return;
    warned.add(pinName);
    warn(
      `anyresponses: generated code for '${pinName}' was built from sha256 ${builtSha256.slice(0, 12)}..., ` +
        `but schemas/sources.json now pins ${pin.sha256.slice(0, 12)}... (version ${pin.version ?? '?'}); run \`npm run generate\`.`,
    );
  } catch {
    // No sources file next to the package, or unreadable: nothing to compare.
  }
}

function defaultWarn(message: string): void {
  const p = (globalThis as { process?: { emitWarning?: (m: string, t: string) => void } }).process;
  if (p?.emitWarning) p.emitWarning(message, 'StaleGeneratedCode');
  else console.warn(message);
}
