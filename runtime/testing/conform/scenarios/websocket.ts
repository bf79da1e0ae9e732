/**
 * WebSocket mode (`x-openresponses-websocket`; OpenAI's WebSocket mode):
 * one socket to `/responses`, `response.create` messages in, the stream's
 * events out. A server that answers the upgrade with anything but 101 (or
 * drops it) has no WebSocket mode, and these are skipped. Each turn's events keep the stream
 * rules (the events' own: there is no SSE framing) and each event is valid
 * against the flavor's WebSocket event schema; what a server refuses comes
 * as its WebSocket error event, on a socket that stays usable.
 */
import { CONFORM_DEFAULTS } from '../options.js';
import { isObject, TERMINAL_EVENTS } from '../checks.js';
import type { ScenarioContext, Target } from '../context.js';
import { abbreviate, foldTypes } from '../report.js';
import { openWebSocket, type WsSocket } from '../ws.js';
import { echoes, message } from './expect.js';
import type { Scenario } from './inputs.js';

type Json = Record<string, unknown>;

/** Each flavor's WebSocket event union and error event. */
const WS = {
  openai: { event: 'ResponsesServerEvent', error: 'ResponseWsError' },
  openresponses: { event: 'ResponseStreamEvent', error: 'WebSocketErrorEvent' },
} as const;

/** Opens a socket (recorded as an exchange); skips when the server has no WebSocket mode. */
async function open(ctx: ScenarioContext): Promise<WsSocket | undefined> {
  const up = await openWebSocket(ctx.o, ctx.session);
  ctx.exchanges.push({ method: 'GET (upgrade)', path: '/responses', status: up.status, contentType: null, bytes: 0, ...(up.body ? { received: abbreviate(up.body, CONFORM_DEFAULTS.maxReportString) } : {}), ...(up.error ? { error: up.error } : {}) });
  const where = `request ${ctx.exchanges.length}`;
  if (up.socket) return up.socket;
  // Any other answer, or none (Node's own server drops an upgrade nobody handles), is a server without the mode.
  if (up.status !== 101) ctx.skip(`the server has no WebSocket mode on /responses (${up.status ? `HTTP ${up.status}` : (up.error ?? 'no answer')} to the upgrade)`);
  ctx.add('fail', 'ws-upgrade', where, up.error ?? 'a broken upgrade');
  return undefined;
}

interface WsRead {
  where: string;
  events: Json[];
  /** The WebSocket error event that answered the turn, when one did. */
  error?: Json;
  final: Target;
}

/** Sends one `response.create` and reads its turn: messages are JSON events, the stream rules and the event schema hold. */
async function turn(ctx: ScenarioContext, socket: WsSocket, body: Json): Promise<WsRead> {
  const sent = { type: 'response.create', model: ctx.o.model, ...body };
  const refused = socket.send(sent);
  const t = refused ? { messages: [], bytes: 0, error: refused } : await socket.turn();
  const types = t.messages.map((m) => (typeof m === 'string' ? '(not JSON)' : String(m.type)));
  ctx.exchanges.push({ method: 'WS', path: '/responses', body: abbreviate(sent, CONFORM_DEFAULTS.maxReportString), status: 0, contentType: null, bytes: t.bytes, events: foldTypes(types), ...(t.error ? { error: t.error } : {}) });
  const where = `request ${ctx.exchanges.length}`;
  const read: WsRead = { where, events: [], final: { value: undefined, where, prefix: '/response' } };
  if (t.error) ctx.add('fail', 'answered', where, t.error);
  t.messages.forEach((m, i) => {
    if (typeof m === 'string') ctx.add('fail', 'ws-message-json', `${where} message ${i}`, `not a JSON event: ${JSON.stringify(m.slice(0, 80))}`);
    else read.events.push(m);
  });
  const first = read.events[0];
  if (first?.type === 'error' && typeof first.status === 'number') {
    read.error = first;
    ctx.validate(`${where} message 0`, WS[ctx.flavor].error, first);
    return read;
  }
  if (read.events.length === 0) return read;
  const check = (mode: 'strict' | 'tolerant') => {
    const c = ctx.spec.createStreamChecker({ mode, eventSchema: WS[ctx.flavor].event });
    for (const e of read.events) c.push(e);
    return c.end();
  };
  const strict = check('strict');
  if (!strict.ok || strict.warnings.length > 0) {
    const r = strict.ok ? strict : check('tolerant');
    for (const e of r.errors) ctx.add('fail', e.rule ?? 'schema', `${where} message ${e.index}`, e.message, e.pointer);
    for (const w of r.warnings) ctx.add('deviation', w.rule ?? 'schema', `${where} message ${w.index}`, w.message, w.pointer);
  }
  const last = read.events[read.events.length - 1];
  if (TERMINAL_EVENTS.has(String(last.type)) && isObject(last.response)) read.final = { value: last.response, where: `${where} message ${read.events.length - 1}`, prefix: '/response' };
  return read;
}

/** A turn the server must refuse: its WebSocket error event with a 4xx status (and `param` when named), then a turn that works on the same socket. */
async function refusedThenUsable(ctx: ScenarioContext, body: Json, param: string | undefined, what: string): Promise<void> {
  const socket = await open(ctx);
  if (!socket) return;
  try {
    const r = await turn(ctx, socket, body);
    if (!r.error) {
      if (r.events.length > 0) ctx.add('fail', 'ws-error-event', r.where, `${what} was not refused with a WebSocket error event (${r.events.map((e) => e.type).slice(0, 4).join(', ')})`);
      return;
    }
    const status = r.error.status as number;
    if (!(status >= 400 && status < 500)) ctx.add('fail', 'ws-error-event', `${r.where} message 0`, `status ${status} for ${what}, expected 4xx`, '/status');
    const named = isObject(r.error.error) ? r.error.error.param : undefined;
    if (param && named !== param) ctx.add('deviation', 'error-param', `${r.where} message 0`, `param is ${JSON.stringify(named)}, expected '${param}'`, '/error/param');
    const after = await turn(ctx, socket, { input: 'Say hello.' });
    if (after.error || after.events.length === 0) ctx.add('fail', 'ws-error-event', after.where, 'the socket did not take another turn after the error event');
    else message(ctx, after.final);
  } finally {
    socket.close();
  }
}

export const WEBSOCKET_SCENARIOS: Scenario[] = [
  {
    name: 'ws-turn',
    group: 'websocket',
    title: 'One turn over WebSocket mode: the events keep the stream rules, and the response completes with a message.',
    async run(ctx) {
      const socket = await open(ctx);
      if (!socket) return;
      try {
        message(ctx, (await turn(ctx, socket, { input: 'Count from one to five in words.' })).final);
      } finally {
        socket.close();
      }
    },
  },
  {
    name: 'ws-continue',
    group: 'websocket',
    title: 'Two turns on one socket, the second continuing the first with `previous_response_id` and `store: false` (kept by the connection).',
    async run(ctx) {
      const socket = await open(ctx);
      if (!socket) return;
      try {
        const first = await turn(ctx, socket, { input: 'My favourite colour is teal. Reply with one word.', store: false });
        const id = first.final.value?.id;
        if (!message(ctx, first.final) || typeof id !== 'string') return;
        const second = await turn(ctx, socket, { input: 'What is my favourite colour?', store: false, previous_response_id: id });
        if (second.error) return ctx.add('fail', 'context-kept', `${second.where} message 0`, `the connection did not continue its own store: false response: ${JSON.stringify((second.error.error as Json | undefined)?.message ?? second.error)}`);
        message(ctx, second.final);
        echoes(ctx, second.final, 'previous_response_id', id);
      } finally {
        socket.close();
      }
    },
  },
  ...(['stream', 'background'] as const).map<Scenario>((field) => ({
    name: `ws-refuses-${field}`,
    group: 'websocket',
    title: `\`${field}\` in a WebSocket \`response.create\` is refused with the WebSocket error event (the specs say it must not be sent), and the socket stays usable.`,
    run: (ctx) => refusedThenUsable(ctx, { input: 'x', [field]: field === 'stream' ? true : false }, field, `a response.create with ${field}`),
  })),
  {
    name: 'ws-unknown-previous',
    group: 'websocket',
    title: 'An unknown `previous_response_id` is answered with the WebSocket error event (4xx), not a response.',
    run: (ctx) => refusedThenUsable(ctx, { input: 'x', previous_response_id: 'resp_conform_no_such_response' }, 'previous_response_id', 'an unknown previous_response_id'),
  },
];
