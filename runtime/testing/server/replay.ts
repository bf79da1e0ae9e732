/**
 * Replay turns: a recorded `.json` body or `.chunks.txt` stream (one event
 * JSON per line, as in shared/fixtures/recorded) served as it was recorded.
 * Recordings are real provider traffic, so they are not checked against the
 * spec: what a provider sent is what the client gets.
 */
import { readFile } from 'node:fs/promises';
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

export async function loadRecording(file: string): Promise<Recording> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
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
