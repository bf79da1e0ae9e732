/**
 * Reads text and reasoning out of a chat message or delta, in every form
 * recorded providers send: `content` as a string or as an array of parts
 * (Mistral: `text` parts and `thinking` parts holding text parts), and
 * reasoning beside it in `reasoning_content` (DeepSeek, Moonshot, Alibaba,
 * xAI) or `reasoning` (Groq, Cerebras). Pieces come out in order, reasoning
 * fields first (they precede the answer).
 */
import type { ChatContentPart, ChatDelta, ChatMessage } from './types.js';

export type PieceKind = 'text' | 'reasoning';
export type PieceSink = (kind: PieceKind, text: string) => void;

/** The reasoning text beside the content: `reasoning_content`, else `reasoning`. */
export function reasoningField(m: ChatMessage | ChatDelta): string {
  const a = m.reasoning_content;
  if (typeof a === 'string' && a !== '') return a;
  const b = m.reasoning;
  return typeof b === 'string' ? b : '';
}

function thinkingText(part: ChatContentPart): string {
  const t = part.thinking;
  if (typeof t === 'string') return t;
  if (!Array.isArray(t)) return '';
  let out = '';
  for (const p of t) if (p && typeof p.text === 'string') out += p.text;
  return out;
}

/** Calls `sink` for each non-empty piece of a content array. */
export function contentParts(parts: readonly ChatContentPart[], sink: PieceSink): void {
  for (const part of parts) {
    if (!part || typeof part !== 'object') continue;
    if (part.type === 'thinking' || part.type === 'reasoning') {
      const text = thinkingText(part) || (typeof part.text === 'string' ? part.text : '');
      if (text) sink('reasoning', text);
    } else if (typeof part.text === 'string' && part.text !== '') {
      sink('text', part.text);
    }
  }
}

/** Every piece of a message or delta, in order. */
export function pieces(m: ChatMessage | ChatDelta, sink: PieceSink): void {
  const reasoning = reasoningField(m);
  if (reasoning) sink('reasoning', reasoning);
  const c = m.content;
  if (typeof c === 'string') {
    if (c !== '') sink('text', c);
  } else if (Array.isArray(c)) contentParts(c, sink);
}
