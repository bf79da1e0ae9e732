/**
 * A scripted `{ replay: FILE }` turn on the chat flavor: a recorded chat
 * completion body (`.json`; an `{"error": ...}` body is answered with the
 * status its type stands for) or chunk stream (`.chunks.txt`, one chunk
 * JSON a line, or raw `.sse` `data:` lines), served as recorded. A stream
 * asked for without one is answered with the body, and the other way round
 * with the body the chunks hold is not rebuilt: the recording decides.
 */
import { readFile } from 'node:fs/promises';
import { STATUS_OF_TYPE } from '../../bridge/errors.js';
import { HttpError } from './errors.js';

type Json = Record<string, unknown>;

export interface ChatRecording {
  status: number;
  body: Json;
  chunks?: Json[];
}

export async function loadChatRecording(file: string): Promise<ChatRecording> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new HttpError(500, `mock server: cannot read the recording ${file}: ${(e as Error).message}`, 'server_error', 'replay_unreadable');
  }
  try {
    if (file.endsWith('.json')) {
      const body = JSON.parse(text) as Json;
      const error = body.error as Json | undefined;
      const status = error && typeof error === 'object' ? (STATUS_OF_TYPE[String(error.type)] ?? (typeof error.code === 'number' ? error.code : 400)) : 200;
      return { status, body };
    }
    const chunks = text
      .split(/\r?\n/)
      .map((l) => l.replace(/^data: ?/, '').trim())
      .filter((l) => l !== '' && l !== '[DONE]' && !l.startsWith(':') && !l.startsWith('event:'))
      .map((l) => JSON.parse(l) as Json);
    return { status: 200, body: chunks[chunks.length - 1] ?? {}, chunks };
  } catch (e) {
    throw new HttpError(500, `mock server: the recording ${file} is not JSON: ${(e as Error).message}`, 'server_error', 'replay_invalid');
  }
}
