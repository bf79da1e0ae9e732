/**
 * `anyresponses replay FILE [--spec openai|openresponses]`: reads a
 * `.chunks.txt` (one event JSON per line) or raw `.sse` recording, runs it
 * through the SSE decoder, the stream checks and the accumulator, and prints
 * the final response as JSON (an array when the file holds several
 * responses back to back). Exit 1 with a message when the stream is invalid
 * or ends without a terminal event; 2 for bad usage or a file that cannot be
 * read or is not a recorded stream. With `--from chat` the file is a
 * recorded Chat Completions body or stream, printed as the bridge
 * translates it (replay-chat.ts; `--events` for the event stream).
 */
import type { StreamCheckOptions, StreamResult } from '../../validation/index.js';
import { parseEventData, SSEDecoder } from '../../sse/decoder.js';
import { ResponseStream } from 'anyresponses';
import type { StreamEvent } from '../../stream/accumulator.js';
import { EXIT, parseCommand, renderHelp, type CommandHelp } from '../args.js';
import { UsageError, type CliIO } from '../io.js';
import { replayChat } from './replay-chat.js';
import { readInput, SHAPE_NAMES } from '../shape.js';
import { SPEC_MODULES } from '../spec-modules.js';

const TERMINAL = /^response\.(completed|failed|incomplete)$/;

function readEvents(file: string): StreamEvent[] {
  const read = readInput(file);
  if (!read.ok) throw new UsageError(read.problem);
  const { text, shape } = read;
  if (shape === 'sse' || (file.endsWith('.sse') && shape === 'text')) {
    const d = new SSEDecoder();
    try {
      return [...d.push(text), ...d.end()].filter((m) => m.data !== '[DONE]').map((m) => parseEventData(m) as StreamEvent);
    } catch (e) {
      throw new UsageError(`${file}: ${(e as Error).message}`);
    }
  }
  if (shape === 'empty' || shape === 'binary' || shape === 'json-body') throw new UsageError(`${file}: expected a recorded stream (one event JSON per line, or raw SSE), found ${SHAPE_NAMES[shape]}`);
  return text
    .split(/\r?\n/)
    .map((l, i) => [l, i] as const)
    .filter(([l]) => l.trim())
    .map(([l, i]) => {
      try {
        return JSON.parse(l) as StreamEvent;
      } catch (e) {
        throw new UsageError(`${file}:${i + 1}: not valid JSON (${(e as Error).message})`);
      }
    });
}

export const HELP: CommandHelp = {
  usage: 'anyresponses replay FILE [--spec openai|openresponses] | FILE --from chat [--events]',
  summary: 'Rebuilds the final response of a recorded stream (.chunks.txt: one event JSON per line, or a raw .sse capture)\nand prints it as JSON (an array when the file holds several responses back to back).',
  options: [
    ['--spec S', 'the spec the stream is checked against: openai (default) or openresponses'],
    ['--from chat', 'FILE is a recorded Chat Completions body or stream: print what the bridge makes of it'],
    ['--events', 'with --from chat: the OpenResponses events, one JSON line each'],
  ],
  exits: ['the response was rebuilt and printed', 'the stream breaks its spec or ends without a terminal event', 'bad usage, or a file that cannot be read or is not a recorded stream'],
  example: 'npx anyresponses replay capture.sse --spec openresponses',
};

async function* of(events: StreamEvent[]): AsyncGenerator<StreamEvent> {
  yield* events;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommand('replay', argv, { spec: { type: 'string' }, from: { type: 'string' }, events: { type: 'boolean' } });
  if (!parsed) {
    io.stdout(renderHelp(HELP));
    return EXIT.ok;
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
  const checker = (await SPEC_MODULES[spec]()) as { validateStream(e: Iterable<unknown>, o?: StreamCheckOptions): StreamResult };
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
