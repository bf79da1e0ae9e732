/**
 * `anyresponses replay FILE [--spec openai|openresponses]`: reads a
 * `.chunks.txt` (one event JSON per line) or raw `.sse` recording, runs it
 * through the SSE decoder, the stream checks and the accumulator, and prints
 * the final response as JSON (an array when the file holds several
 * responses back to back). Exit 1 with a message when the stream is invalid
 * or ends without a terminal event; 2 for bad usage. With `--from chat`
 * the file is a recorded Chat Completions body or stream, printed as the
 * bridge translates it (replay-chat.ts; `--events` for the event stream).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { StreamCheckOptions, StreamResult } from '../../validation/index.js';
import { parseEventData, SSEDecoder } from '../../sse/decoder.js';
import { ResponseStream } from '../../stream/response-stream.js';
import type { StreamEvent } from '../../stream/accumulator.js';
import { UsageError, type CliIO } from '../io.js';
import { replayChat } from './replay-chat.js';

const TERMINAL = /^response\.(completed|failed|incomplete)$/;

function readEvents(file: string): StreamEvent[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  if (file.endsWith('.sse')) {
    const d = new SSEDecoder();
    return [...d.push(text), ...d.end()].filter((m) => m.data !== '[DONE]').map((m) => parseEventData(m) as StreamEvent);
  }
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l, i) => {
      try {
        return JSON.parse(l) as StreamEvent;
      } catch (e) {
        throw new Error(`${file}:${i + 1}: not valid JSON (${(e as Error).message})`);
      }
    });
}

async function* of(events: StreamEvent[]): AsyncGenerator<StreamEvent> {
  yield* events;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { spec: { type: 'string' }, from: { type: 'string' }, events: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('expected one file: anyresponses replay FILE [--spec openai|openresponses] | FILE --from chat [--events]');
  if (values.from !== undefined && values.from !== 'chat') throw new UsageError(`--from must be 'chat' (a recorded Chat Completions body or stream), not '${values.from}'`);
  if (values.from === 'chat') {
    if (values.spec !== undefined) throw new UsageError('--from chat prints OpenResponses shapes: leave out --spec');
    return replayChat(positionals[0], values.events === true, io);
  }
  if (values.events) throw new UsageError('--events goes with --from chat');
  const spec = values.spec ?? 'openai';
  if (spec !== 'openai' && spec !== 'openresponses') throw new UsageError(`--spec must be 'openai' or 'openresponses', not '${spec}'`);
  const events = readEvents(positionals[0]);
  const checker = (await import(`anyresponses/${spec}` as string)) as { validateStream(e: Iterable<unknown>, o?: StreamCheckOptions): StreamResult };
  const check = checker.validateStream(events);
  if (!check.ok) {
    io.stderr(`${positionals[0]}: not a valid ${spec} stream:`);
    for (const e of check.errors.slice(0, 20)) io.stderr(`  event ${e.index} ${e.pointer || '/'}: ${e.message}`);
    return 1;
  }
  // One response per segment: a terminal event ends one.
  const segments: StreamEvent[][] = [[]];
  for (const e of events) {
    segments[segments.length - 1].push(e);
    if (TERMINAL.test(e.type)) segments.push([]);
  }
  if (segments[segments.length - 1].length === 0) segments.pop();
  const finals: unknown[] = [];
  for (const seg of segments) {
    try {
      finals.push(await new ResponseStream(of(seg)).finalResponse());
    } catch (e) {
      io.stderr(`${positionals[0]}: ${(e as Error).message}`);
      return 1;
    }
  }
  io.stdout(JSON.stringify(finals.length === 1 ? finals[0] : finals, null, 2));
  return 0;
}
