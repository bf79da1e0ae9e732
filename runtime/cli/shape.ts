/**
 * What a file holds, judged from its bytes before it is parsed, so a command
 * given the wrong kind of file says what it got ("a JSON body, not a stream")
 * instead of a parser's position. Used by `validate` and `replay`.
 */
import { readFileSync } from 'node:fs';

export type Shape = 'empty' | 'binary' | 'json-body' | 'json-lines' | 'sse' | 'text';

/** What the shapes are called in messages. */
export const SHAPE_NAMES: Record<Shape, string> = {
  empty: 'an empty file',
  binary: 'a binary file, not text',
  'json-body': 'one JSON body (a .json file), not a stream of events',
  'json-lines': 'a stream of events, one JSON per line (.chunks.txt)',
  sse: 'a raw server-sent-events capture (.sse)',
  text: 'text that is neither JSON nor server-sent events',
};

const SSE_LINE = /^(data|event|id|retry):|^:/m;

function parses(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

/** The shape of a file's text (`bytes` decides binary: a NUL or invalid UTF-8). */
export function shapeOf(text: string, bytes?: Uint8Array): Shape {
  if (text.trim() === '') return 'empty';
  if (text.includes('\u0000') || (bytes !== undefined && text.includes('\uFFFD') && !isUtf8(bytes))) return 'binary';
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  if (lines.length > 1 && lines.every(parses)) return 'json-lines';
  if (parses(text)) {
    const v = JSON.parse(text) as unknown;
    // One line holding one event is a stream of one event; anything else that parses is a body.
    const isEvent = lines.length === 1 && v !== null && typeof v === 'object' && typeof (v as { type?: unknown }).type === 'string' && /^(response\.|error$)/.test((v as { type: string }).type);
    return isEvent ? 'json-lines' : 'json-body';
  }
  if (SSE_LINE.test(text) && /^data:/m.test(text)) return 'sse';
  return 'text';
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A file read for a command, or why it could not be (a missing file, a directory: an input error). */
export type ReadResult = { ok: true; text: string; shape: Shape } | { ok: false; problem: string };

export function readInput(file: string): ReadResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, problem: code === 'ENOENT' ? `${file}: no such file` : code === 'EISDIR' ? `${file}: is a directory, not a file` : code === 'EACCES' ? `${file}: permission denied` : `${file}: cannot read (${code ?? (e as Error).message})` };
  }
  const text = bytes.toString('utf8');
  return { ok: true, text, shape: shapeOf(text, bytes) };
}
