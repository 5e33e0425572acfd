// Docker's stream multiplexing for non-TTY attach, logs and exec: each frame is
// an 8-byte header [stream, 0, 0, 0, size as big-endian uint32] and the payload.
// stream 0 is stdin, 1 stdout, 2 stderr, 3 a systemerr.

export const STDIN = 0, STDOUT = 1, STDERR = 2, SYSTEMERR = 3;

export function frame(stream: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + payload.length);
  out[0] = stream;
  const n = payload.length;
  out[4] = (n >>> 24) & 255; out[5] = (n >>> 16) & 255; out[6] = (n >>> 8) & 255; out[7] = n & 255;
  out.set(payload, 8);
  return out;
}

/** Splits a byte stream into frames; feed chunks as they come, frames come out whole. */
export class Demuxer {
  private buf = new Uint8Array(0);
  constructor(private readonly onFrame: (stream: number, payload: Uint8Array) => void) {}
  push(chunk: Uint8Array): void {
    let buf = this.buf.length ? joinBytes(this.buf, chunk) : chunk;
    while (buf.length >= 8) {
      const n = ((buf[4] << 24) | (buf[5] << 16) | (buf[6] << 8) | buf[7]) >>> 0;
      if (buf.length < 8 + n) break;
      this.onFrame(buf[0], buf.subarray(8, 8 + n));
      buf = buf.subarray(8 + n);
    }
    this.buf = buf.length ? buf.slice() : new Uint8Array(0);
  }
}

function joinBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a); out.set(b, a.length);
  return out;
}
