#!/usr/bin/env node
/**
 * After `tsc`: records the hash of the generator's TypeScript sources in
 * dist/code-hash.json, so an installed copy (which ships only dist/) puts the
 * same code hash in the fingerprint as the repository did when it generated.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCodeHash } from '../dist/fingerprint.js';

writeCodeHash(join(dirname(fileURLToPath(import.meta.url)), '..'));
