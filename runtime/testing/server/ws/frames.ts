/**
 * RFC 6455 framing: a reader that turns the bytes a peer sends into
 * messages and control frames (a client's frames are masked, a server's
 * are not: the mock reads the one, `anyresponses conform` the other), and
 * the encoder of one frame (masked when a client sends it). Bounded: a frame whose declared length
 * passes `maxFrameBytes`, or a message whose frames together pass
 * `maxMessageBytes`, is refused at its header (close code 1009) before its
 * payload is buffered. What breaks the protocol (an unmasked client frame,
 * a reserved bit or opcode, a fragmented or long control frame, a
 * continuation with nothing to continue, text that is not UTF-8) is a
 * `ProtocolViolation` carrying the close code to answer with.
 */

export const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** Close codes the reader and the connection use (RFC 6455, 7.4.1). */
export const CLOSE = { normal: 1000, goingAway: 1001, protocolError: 1002, unsupportedData: 1003, invalidData: 1007, policy: 1008, tooBig: 1009, internalError: 1011 } as const;

export class ProtocolViolation extends Error {
  constructor(
    /** The close code to answer with. */
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** What the reader hands out: a whole data message, or one control frame. */
export type Incoming =
  | { kind: 'text'; text: string }
  | { kind: 'binary'; data: Buffer }
  | { kind: 'close'; code?: number; reason: string }
  | { kind: 'ping'; data: Buffer }
  | { kind: 'pong'; data: Buffer };

export interface FrameLimits {
  maxFrameBytes: number;
  maxMessageBytes: number;
  /** Whether the peer's frames must be masked: a client's (the default), not a server's. */
  masked?: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Codes a peer may send in a close frame (1005, 1006 and 1015 are never sent). */
const validCloseCode = (c: number) => (c >= 1000 && c <= 1003) || (c >= 1007 && c <= 1014) || (c >= 3000 && c <= 4999);

export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** The data message being assembled from fragments. */
  private message: { opcode: number; parts: Buffer[]; size: number } | undefined;

  constructor(private readonly limits: FrameLimits) {}

  /** Takes bytes as they come; returns what they complete, in order. */
  push(chunk: Buffer): Incoming[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const out: Incoming[] = [];
    for (;;) {
      const frame = this.nextFrame();
      if (!frame) return out;
      const done = this.onFrame(frame.fin, frame.opcode, frame.payload);
      if (done) out.push(done);
    }
  }

  /** The first `n` buffered bytes, without consuming them (a copy only when they span chunks). */
  private peek(n: number): Buffer {
    if (this.chunks[0].length >= n) return this.chunks[0];
    return Buffer.concat(this.chunks, Math.min(this.buffered, Math.max(n, 14)));
  }

  /** Consumes `n` buffered bytes, concatenated once. */
  private take(n: number): Buffer {
    const parts: Buffer[] = [];
    let left = n;
    while (left > 0) {
      const c = this.chunks[0];
      if (c.length <= left) {
        parts.push(c);
        this.chunks.shift();
        left -= c.length;
      } else {
        parts.push(c.subarray(0, left));
        this.chunks[0] = c.subarray(left);
        left = 0;
      }
    }
    this.buffered -= n;
    return parts.length === 1 ? parts[0] : Buffer.concat(parts, n);
  }

  private nextFrame(): { fin: boolean; opcode: number; payload: Buffer } | undefined {
    if (this.buffered < 2) return undefined;
    const head = this.peek(Math.min(this.buffered, 14));
    const b0 = head[0];
    const b1 = head[1];
    const fin = (b0 & 0x80) !== 0;
    const opcode = b0 & 0x0f;
    if ((b0 & 0x70) !== 0) throw new ProtocolViolation(CLOSE.protocolError, 'a reserved bit is set (no extension was negotiated)');
    const masked = (b1 & 0x80) !== 0;
    const want = this.limits.masked ?? true;
    if (masked !== want) throw new ProtocolViolation(CLOSE.protocolError, want ? 'a client frame must be masked' : 'a server frame must not be masked');
    let length = b1 & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (this.buffered < 4) return undefined;
      length = head.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (this.buffered < 10) return undefined;
      const high = head.readUInt32BE(2);
      const low = head.readUInt32BE(6);
      if (high > 0x1fffff) throw new ProtocolViolation(CLOSE.tooBig, 'a frame length past 2^53');
      length = high * 2 ** 32 + low;
      offset = 10;
    }
    const control = opcode >= 0x8;
    if (control && (!fin || length > 125)) throw new ProtocolViolation(CLOSE.protocolError, 'a control frame must be whole and at most 125 bytes');
    if (!control && length > this.limits.maxFrameBytes) throw new ProtocolViolation(CLOSE.tooBig, `a frame of ${length} bytes is over the server's ${this.limits.maxFrameBytes}`);
    if (!control && this.message && this.message.size + length > this.limits.maxMessageBytes) throw new ProtocolViolation(CLOSE.tooBig, `a message over the server's ${this.limits.maxMessageBytes} bytes`);
    if (!control && length > this.limits.maxMessageBytes) throw new ProtocolViolation(CLOSE.tooBig, `a message over the server's ${this.limits.maxMessageBytes} bytes`);
    const maskBytes = masked ? 4 : 0;
    if (this.buffered < offset + maskBytes + length) return undefined;
    this.take(offset);
    const mask = masked ? Buffer.from(this.take(4)) : undefined;
    const payload = length === 0 ? Buffer.alloc(0) : Buffer.from(this.take(length));
    if (mask) for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
    return { fin, opcode, payload };
  }

  private onFrame(fin: boolean, opcode: number, payload: Buffer): Incoming | undefined {
    switch (opcode) {
      case OPCODE.close: {
        if (payload.length === 1) throw new ProtocolViolation(CLOSE.protocolError, 'a close frame with a one-byte body');
        if (payload.length === 0) return { kind: 'close', reason: '' };
        const code = payload.readUInt16BE(0);
        if (!validCloseCode(code)) throw new ProtocolViolation(CLOSE.protocolError, `close code ${code} may not be sent`);
        return { kind: 'close', code, reason: this.text(payload.subarray(2)) };
      }
      case OPCODE.ping:
        return { kind: 'ping', data: payload };
      case OPCODE.pong:
        return { kind: 'pong', data: payload };
      case OPCODE.text:
      case OPCODE.binary:
        if (this.message) throw new ProtocolViolation(CLOSE.protocolError, 'a new message began before the last one was finished');
        if (!fin) {
          this.message = { opcode, parts: [payload], size: payload.length };
          return undefined;
        }
        return this.complete(opcode, payload);
      case OPCODE.continuation: {
        const m = this.message;
        if (!m) throw new ProtocolViolation(CLOSE.protocolError, 'a continuation frame with no message to continue');
        m.parts.push(payload);
        m.size += payload.length;
        if (!fin) return undefined;
        this.message = undefined;
        return this.complete(m.opcode, Buffer.concat(m.parts, m.size));
      }
      default:
        throw new ProtocolViolation(CLOSE.protocolError, `reserved opcode ${opcode}`);
    }
  }

  private complete(opcode: number, data: Buffer): Incoming {
    return opcode === OPCODE.text ? { kind: 'text', text: this.text(data) } : { kind: 'binary', data };
  }

  private text(data: Buffer): string {
    try {
      return utf8.decode(data);
    } catch {
      throw new ProtocolViolation(CLOSE.invalidData, 'a text message that is not UTF-8');
    }
  }
}

/** One whole frame: unmasked (a server's), or masked with `mask` (a client's: 4 random bytes). */
export function encodeFrame(opcode: number, payload: Buffer, mask?: Buffer): Buffer {
  const n = payload.length;
  const head = Buffer.alloc(n < 126 ? 2 : n < 65536 ? 4 : 10);
  head[0] = 0x80 | opcode;
  if (n < 126) head[1] = n;
  else if (n < 65536) {
    head[1] = 126;
    head.writeUInt16BE(n, 2);
  } else {
    head[1] = 127;
    head.writeUInt32BE(Math.floor(n / 2 ** 32), 2);
    head.writeUInt32BE(n >>> 0, 6);
  }
  if (!mask) return Buffer.concat([head, payload], head.length + n);
  head[1] |= 0x80;
  const body = Buffer.from(payload);
  for (let i = 0; i < n; i++) body[i] ^= mask[i & 3];
  return Buffer.concat([head, mask, body], head.length + 4 + n);
}

/** A close frame's body: the code and a reason cut to fit the 125 bytes a control frame may carry. */
export function closePayload(code: number, reason: string): Buffer {
  let r = Buffer.from(reason, 'utf8');
  if (r.length > 123) r = Buffer.from(reason.slice(0, 100), 'utf8').subarray(0, 123);
  const out = Buffer.alloc(2 + r.length);
  out.writeUInt16BE(code, 0);
  r.copy(out, 2);
  return out;
}
