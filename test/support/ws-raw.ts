/**
 * A WebSocket client by hand, for testing the mock server's framing: the
 * handshake written as bytes, frames masked (or not) as a test chooses,
 * and the server's frames read back one by one. Node's net module only.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export interface Frame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
}

export interface RawClient {
  /** The status line and headers of the handshake's answer. */
  status: number;
  head: string;
  /** The body of a refused upgrade. */
  body: string;
  socket: Socket;
  /** Writes one frame (masked unless told otherwise). */
  frame(opcode: number, payload: Buffer | string, o?: { fin?: boolean; masked?: boolean; rsv?: number; length?: number }): void;
  text(s: string): void;
  /** The next frame from the server (rejects if the socket closes first). */
  next(timeoutMs?: number): Promise<Frame>;
  /** Resolves when the socket has closed. */
  closed: Promise<void>;
}

export function rawConnect(url: string, headers: Record<string, string> = {}, key = randomBytes(16).toString('base64')): Promise<RawClient> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(u.port), u.hostname);
    let buf = Buffer.alloc(0);
    let handshakeDone = false;
    const frames: Frame[] = [];
    const waiting: Array<(f: Frame | undefined) => void> = [];
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    socket.on('error', reject);
    socket.once('close', () => {
      while (waiting.length) waiting.shift()!(undefined);
    });
    const client: RawClient = {
      status: 0,
      head: '',
      body: '',
      socket,
      closed,
      frame(opcode, payload, o = {}) {
        const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
        const n = o.length ?? data.length;
        const masked = o.masked ?? true;
        const head: number[] = [((o.fin ?? true) ? 0x80 : 0) | ((o.rsv ?? 0) << 4) | opcode];
        const m = masked ? 0x80 : 0;
        if (n < 126) head.push(m | n);
        else if (n < 65536) head.push(m | 126, n >> 8, n & 0xff);
        else {
          const big = Buffer.alloc(8);
          big.writeBigUInt64BE(BigInt(n));
          head.push(m | 127, ...big);
        }
        const mask = randomBytes(4);
        const body = Buffer.from(data);
        if (masked) for (let i = 0; i < body.length; i++) body[i] ^= mask[i & 3];
        socket.write(Buffer.concat([Buffer.from(head), masked ? mask : Buffer.alloc(0), body]));
      },
      text(s) {
        client.frame(0x1, s);
      },
      next(timeoutMs = 5000) {
        if (frames.length) return Promise.resolve(frames.shift()!);
        return new Promise((res, rej) => {
          const t = setTimeout(() => rej(new Error('no frame in time')), timeoutMs);
          waiting.push((f) => (clearTimeout(t), f ? res(f) : rej(new Error('the socket closed'))));
        });
      },
    };
    const parse = () => {
      for (;;) {
        if (buf.length < 2) return;
        let n = buf[1] & 0x7f;
        let off = 2;
        if (n === 126) {
          if (buf.length < 4) return;
          n = buf.readUInt16BE(2);
          off = 4;
        } else if (n === 127) {
          if (buf.length < 10) return;
          n = Number(buf.readBigUInt64BE(2));
          off = 10;
        }
        if (buf.length < off + n) return;
        const f = { fin: (buf[0] & 0x80) !== 0, opcode: buf[0] & 0x0f, payload: buf.subarray(off, off + n) };
        buf = buf.subarray(off + n);
        if (waiting.length) waiting.shift()!(f);
        else frames.push(f);
      }
    };
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (!handshakeDone) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        client.head = buf.subarray(0, end).toString('latin1');
        client.status = Number(client.head.split(' ')[1]);
        buf = buf.subarray(end + 4);
        handshakeDone = true;
        if (client.status !== 101) {
          socket.on('end', () => resolve({ ...client, body: buf.toString('utf8') }));
          socket.on('data', () => undefined);
          return;
        }
        resolve(client);
      }
      parse();
    });
    socket.once('connect', () => {
      const lines = [`GET ${u.pathname}${u.search} HTTP/1.1`, `Host: ${u.host}`, 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Key: ${key}`, 'Sec-WebSocket-Version: 13', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
  });
}

/** A close frame's code and reason. */
export const closeOf = (f: Frame) => ({ code: f.payload.length >= 2 ? f.payload.readUInt16BE(0) : undefined, reason: f.payload.subarray(2).toString('utf8') });
