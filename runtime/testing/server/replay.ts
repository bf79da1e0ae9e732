/**
 * Replay turns: a recorded `.json` body or `.chunks.txt` stream (one event
 * JSON per line, as in shared/fixtures/recorded) served as it was recorded.
 * Recordings are real provider traffic, so they are not checked against the
 * spec: what a provider sent is what the client gets.
 *
 * A replay path is confined to the script's directory (`scriptDir`): a
 * relative path resolves against it, and a path that leaves it (absolute,
 * through `..`, or through a symbolic link) is refused, when the script is
 * loaded and again, after following links, when the file is read.
 */
import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { HttpError } from './errors.js';

type Json = Record<string, unknown>;

export interface Recording {
  /** For a non-streaming request: the body and its status. */
  body: Json;
  status: number;
  /** For a streaming request: the events (synthesised from the body when the recording is a .json). */
  events?: Json[];
}

const ERROR_STATUS: Record<string, number> = { insufficient_quota: 429, rate_limit_exceeded: 429, invalid_api_key: 401, model_not_found: 404, server_error: 500 };

const inside = (dir: string, path: string) => {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** The absolute path of a replay file, or why it is refused (it leaves `dir`). */
export function replayPath(dir: string, file: string): string | Error {
  const path = resolve(dir, file);
  return inside(dir, path) ? path : new Error(`the replay file '${file}' is outside the script's directory ${dir} (replay paths are relative to it, see scriptDir)`);
}

export async function loadRecording(dir: string, file: string): Promise<Recording> {
  let text: string;
  try {
    const path = replayPath(dir, file);
    if (path instanceof Error) throw path;
    // Links are followed only to check where they lead.
    const [realDir, real] = await Promise.all([realpath(dir), realpath(path)]);
    if (!inside(realDir, real)) throw new HttpError(500, `the replay file '${file}' leads outside the script's directory ${dir}`, 'server_error', 'replay_unreadable');
    text = await readFile(real, 'utf8');
  } catch (e) {
    throw new HttpError(500, `replay: cannot read ${file}: ${(e as Error).message}`, 'server_error', 'replay_unreadable');
  }
  if (file.endsWith('.chunks.txt')) {
    const events: Json[] = [];
    for (const [i, line] of text.split(/\r?\n/).entries()) {
      if (!line.trim()) continue;
      try {
        events.push(JSON.parse(line) as Json);
      } catch {
        throw new HttpError(500, `replay: ${file}:${i + 1} is not JSON`, 'server_error', 'replay_unreadable');
      }
    }
    const terminal = [...events].reverse().find((e) => /^response\.(completed|failed|incomplete)$/.test(String(e.type)));
    return { body: (terminal?.response as Json | undefined) ?? {}, status: 200, events };
  }
  let body: Json;
  try {
    body = JSON.parse(text) as Json;
  } catch {
    throw new HttpError(500, `replay: ${file} is not JSON`, 'server_error', 'replay_unreadable');
  }
  const error = body.error as Json | undefined;
  const status = !body.id && error && typeof error === 'object' ? (ERROR_STATUS[String(error.code ?? error.type)] ?? 400) : 200;
  return { body, status };
}
