/**
 * What the doc scripts share (bridge-doc, replay-doc, conformance-doc,
 * tolerant-minimum-doc): write the rendered file (`name` is how messages call it), or with `--check` compare it with what is on disk
 * and exit 1 when it differs, naming the script to run.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';

export function writeOrCheck(docPath, text, script, name = `docs/${basename(docPath)}`) {
  if (process.argv.includes('--check')) {
    const same = existsSync(docPath) && readFileSync(docPath, 'utf8') === text;
    if (same) process.stdout.write(`${name} is up to date\n`);
    else process.stderr.write(`${name} is stale: run node scripts/${script}\n`);
    process.exit(same ? 0 : 1);
  }
  writeFileSync(docPath, text);
  process.stdout.write(`wrote ${name}\n`);
}
