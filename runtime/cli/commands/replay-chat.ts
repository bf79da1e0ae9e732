/**
 * `anyresponses replay FILE --from chat [--events]`: what the Chat
 * Completions bridge makes of a recorded chat payload. A `.json` body
 * prints its `ResponseResource` (an error body: the error class it becomes
 * and its message, exit 1); a `.chunks.txt` (one chunk JSON a line) or raw
 * `.sse` stream prints the final response of each stream in it (a new id
 * after a finish reason starts the next, as Cerebras recordings hold
 * several), or with `--events` every bridged event as one JSON line, the
 * format `anyresponses validate --spec openresponses --stream` reads.
 */
import { readFileSync } from 'node:fs';
import { ChatStreamTranslator, responseFromChat, type ChatChunk, type ChatCompletion } from '../../bridge/index.js';
import { UsageError, type CliIO } from '../io.js';

type Json = Record<string, unknown>;

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
}

function parse(text: string, where: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (e) {
    throw new UsageError(`${where}: not valid JSON (${(e as Error).message})`);
  }
}

/** The chunks of a stream file: `.chunks.txt` lines or `.sse` `data:` lines, `[DONE]`, comments and `event:` lines left out. */
function chunksOf(file: string, text: string): Json[] {
  const out: Json[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const l = file.endsWith('.sse') ? (line.startsWith('data:') ? line.slice(5).trim() : '') : line.trim();
    if (l === '' || l === '[DONE]') return;
    out.push(parse(l, `${file}:${i + 1}`));
  });
  return out;
}

/** One list of chunks per stream: a new id after a finish reason starts the next. */
function streams(chunks: Json[]): Json[][] {
  const out: Json[][] = [];
  let current: Json[] = [];
  let id = '';
  let finished = false;
  for (const c of chunks) {
    const cid = typeof c.id === 'string' ? c.id : '';
    if (current.length && finished && cid && cid !== id) {
      out.push(current);
      current = [];
      finished = false;
    }
    if (cid) id = cid;
    if (Array.isArray(c.choices) && c.choices.some((x) => x && typeof x === 'object' && typeof (x as Json).finish_reason === 'string')) finished = true;
    current.push(c);
  }
  if (current.length) out.push(current);
  return out;
}

export function replayChat(file: string, events: boolean, io: CliIO): number {
  const text = read(file);
  if (file.endsWith('.json')) {
    if (events) throw new UsageError('--events needs a stream recording (.chunks.txt or .sse)');
    try {
      io.stdout(JSON.stringify(responseFromChat(parse(text, file) as ChatCompletion), null, 2));
      return 0;
    } catch (e) {
      io.stderr(`${file}: ${(e as Error).name}: ${(e as Error).message}`);
      return 1;
    }
  }
  const finals: unknown[] = [];
  for (const chunks of streams(chunksOf(file, text))) {
    const t = new ChatStreamTranslator();
    const out = chunks.flatMap((c) => t.push(c as ChatChunk));
    out.push(...t.end());
    if (events) for (const e of out) io.stdout(JSON.stringify(e));
    finals.push(t.response);
  }
  if (!events) io.stdout(JSON.stringify(finals.length === 1 ? finals[0] : finals, null, 2));
  return 0;
}
