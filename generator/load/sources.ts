/** Reads and checks `schemas/sources.json`, the list of pinned upstream specs. */
import { readFileSync } from 'node:fs';
import type { Include } from '../context.js';

export interface Pin {
  name: string;
  /** Output folder / flavor: `openresponses` or `openai`. */
  spec: string;
  /** Path of the copy relative to a spec folder (`openai/openapi.json`). */
  file: string;
  url: string;
  sha256: string;
  version: string;
  /** Whether `generate` builds this pin (an older pin is kept for diffs only). */
  generate: boolean;
  /** Which schemas to generate when not overridden: everything, or the /responses closure. */
  include?: Include;
  /** The component an error body's `error` object follows. */
  errorSchema?: string;
  /**
   * Components kept with their closure beside the selected operations' (what no operation
   * references: OpenAI's WebSocket mode messages, `ResponsesClientEvent` and the rest).
   */
  roots?: string[];
}

const REQUIRED: Array<keyof Pin> = ['name', 'spec', 'file', 'url', 'sha256', 'version'];

export function parseSources(text: string, origin: string): Pin[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`${origin}: not valid JSON (${(e as Error).message})`);
  }
  const pins = (doc as { pins?: unknown }).pins;
  if (!Array.isArray(pins)) throw new Error(`${origin}#/pins: expected an array of pins`);
  const seen = new Set<string>();
  return pins.map((raw, i) => {
    const where = `${origin}#/pins/${i}`;
    if (raw === null || typeof raw !== 'object') throw new Error(`${where}: expected an object`);
    const pin = raw as Record<string, unknown>;
    for (const key of REQUIRED) {
      if (typeof pin[key] !== 'string' || pin[key] === '') throw new Error(`${where}/${key}: expected a non-empty string`);
    }
    if (!/^[0-9a-f]{64}$/.test(pin.sha256 as string)) throw new Error(`${where}/sha256: expected 64 lowercase hex digits`);
    if (seen.has(pin.name as string)) throw new Error(`${where}/name: duplicate pin name '${pin.name}'`);
    seen.add(pin.name as string);
    if (pin.roots !== undefined && !(Array.isArray(pin.roots) && pin.roots.every((r) => typeof r === 'string' && r !== ''))) {
      throw new Error(`${where}/roots: expected an array of component names`);
    }
    if (pin.include !== undefined && pin.include !== 'all' && pin.include !== 'responses') {
      throw new Error(`${where}/include: expected "all" or "responses"`);
    }
    return { ...(pin as unknown as Pin), generate: pin.generate !== false };
  });
}

export function readSources(file: string): Pin[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`cannot read the pins file ${file}`);
  }
  return parseSources(text, file);
}

/** Finds a pin by name; the error lists the known names. */
export function findPin(pins: Pin[], name: string): Pin {
  const pin = pins.find((p) => p.name === name);
  if (!pin) throw new Error(`unknown spec pin '${name}'; known: ${pins.map((p) => p.name).join(', ')}`);
  return pin;
}
