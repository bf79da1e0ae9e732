/**
 * Ids of a bridged response and its items, derived from the chat
 * completion's id so that the same completion always gets the same ids
 * (streamed or not): `resp_<base>`, `msg_<base>`, `rs_<base>`,
 * `fc_<base>_<n>`. A body without an id gets a base hashed from its content;
 * a stream without one takes `options.newId()`.
 */

export interface ResponseIds {
  response: string;
  message(n: number): string;
  reasoning(n: number): string;
  functionCall(n: number): string;
  /** A `call_id` for a tool call that came without one. */
  callId(n: number): string;
}

/** Characters kept from the chat id; anything else becomes `_`. */
const UNSAFE = /[^A-Za-z0-9_-]/g;

export function idsFor(base: string): ResponseIds {
  const b = base.replace(UNSAFE, '_');
  const nth = (prefix: string) => (n: number) => (n === 0 ? `${prefix}_${b}` : `${prefix}_${b}_${n}`);
  return {
    response: `resp_${b}`,
    message: nth('msg'),
    reasoning: nth('rs'),
    functionCall: (n) => `fc_${b}_${n}`,
    callId: (n) => `call_${b}_${n}`,
  };
}

/** FNV-1a (32-bit, twice with different seeds) of a string, as 16 hex digits: a stable base for a body without an id. */
export function contentHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** The base of a chat payload's ids: its `id` when it has a usable one. */
export function baseOf(id: unknown): string | undefined {
  return typeof id === 'string' && id.trim() !== '' ? id : undefined;
}
