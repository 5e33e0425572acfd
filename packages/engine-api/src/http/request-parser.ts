// Reading HTTP/1.1 requests from a byte stream, as Go's net/http server reads
// what the docker CLI and the SDKs send: a request line, header fields, then a
// body framed by Content-Length or by chunked transfer coding. The reader is
// fed bytes as they arrive and hands out whole requests; whatever follows a
// request stays buffered (the next request on a kept-alive connection, or the
// first bytes of a hijacked one).

/** A request as it came off the wire, before it means anything to the API. */
export interface HttpRequest {
  method: string;
  /** The request target as sent: path and query, still percent-encoded. */
  target: string;
  /** "HTTP/1.1" or "HTTP/1.0". */
  proto: string;
  /** Field names in Go's canonical form (Content-Type, X-Registry-Auth); repeated fields joined by ", ". */
  headers: Record<string, string>;
  body: Uint8Array;
}

/** A request the server cannot read: answered with `status` and the connection closed, as Go does. */
export class HttpParseError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'HttpParseError';
  }
}

export interface ParserLimits {
  /** Request line plus header fields (Go's DefaultMaxHeaderBytes, 1 MiB). */
  maxHeaderBytes: number;
  /** A body larger than this is refused with 413. */
  maxBodyBytes: number;
}

export const DEFAULT_LIMITS: ParserLimits = { maxHeaderBytes: 1 << 20, maxBodyBytes: 1 << 30 };

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Go's textproto.CanonicalMIMEHeaderKey: "content-type" -> "Content-Type". */
export function canonicalHeaderKey(k: string): string {
  return k.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

/** Incremental reader: push() bytes, then take() whole requests (null until one is complete). */
export class RequestReader {
  /** Received bytes in store[0, len); the store grows by doubling, so a large body costs linear time. */
  private store = new Uint8Array(0);
  private len = 0;
  constructor(private readonly limits: ParserLimits = DEFAULT_LIMITS) {}

  private get buf(): Uint8Array { return this.store.subarray(0, this.len); }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    if (this.len + chunk.length > this.store.length) {
      const grown = new Uint8Array(Math.max(this.len + chunk.length, this.store.length * 2, 4096));
      grown.set(this.buf);
      this.store = grown;
    }
    this.store.set(chunk, this.len);
    this.len += chunk.length;
  }

  /** Drops the first n bytes (a request taken). */
  private consume(n: number): void {
    this.store = this.store.slice(n, Math.max(this.len, n));
    this.len -= n;
  }

  /** Bytes received but not part of any request taken so far (after a hijack: the client's first input). */
  drain(): Uint8Array { const b = this.buf.slice(); this.store = new Uint8Array(0); this.len = 0; return b; }

  get buffered(): number { return this.len; }

  /** The next complete request, or null when more bytes are needed. @throws HttpParseError */
  take(): HttpRequest | null {
    // Go tolerates (and skips) empty lines before a request line.
    let start = 0;
    while (start + 1 < this.buf.length && this.buf[start] === 13 && this.buf[start + 1] === 10) start += 2;
    const headEnd = indexOfCrlfCrlf(this.buf, start);
    if (headEnd < 0) {
      if (this.buf.length - start > this.limits.maxHeaderBytes) throw new HttpParseError(431, 'Request Header Fields Too Large');
      return null;
    }
    if (headEnd - start > this.limits.maxHeaderBytes) throw new HttpParseError(431, 'Request Header Fields Too Large');
    const head = latin1(this.buf.subarray(start, headEnd));
    const lines = head.split('\r\n');
    const m = /^([A-Z]+) (\S+) (HTTP\/1\.[01])$/.exec(lines[0] ?? '');
    if (!m) {
      if (/^\S+ \S+ HTTP\/\d+\.\d+$/.test(lines[0] ?? '')) throw new HttpParseError(505, 'HTTP Version Not Supported');
      throw new HttpParseError(400, 'Bad Request');
    }
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon <= 0) throw new HttpParseError(400, 'Bad Request');
      const name = line.slice(0, colon);
      if (!TOKEN.test(name)) throw new HttpParseError(400, 'Bad Request');
      const key = canonicalHeaderKey(name);
      const value = line.slice(colon + 1).trim();
      headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
    }
    const bodyStart = headEnd + 4;
    const te = (headers['Transfer-Encoding'] ?? '').toLowerCase();
    let body: Uint8Array;
    let end: number;
    if (te) {
      if (te !== 'chunked') throw new HttpParseError(501, 'Not Implemented');
      const r = decodeChunked(this.buf, bodyStart, this.limits.maxBodyBytes);
      if (!r) return null;
      ({ body, end } = r);
    } else if (headers['Content-Length'] !== undefined) {
      const cl = headers['Content-Length'];
      if (!/^\d+$/.test(cl)) throw new HttpParseError(400, 'Bad Request');
      const n = Number(cl);
      if (n > this.limits.maxBodyBytes) throw new HttpParseError(413, 'Request Entity Too Large');
      if (this.buf.length < bodyStart + n) return null;
      body = this.buf.slice(bodyStart, bodyStart + n);
      end = bodyStart + n;
    } else {
      body = new Uint8Array(0);
      end = bodyStart;
    }
    this.consume(end);
    return { method: m[1], target: m[2], proto: m[3], headers, body };
  }
}

function indexOfCrlfCrlf(b: Uint8Array, from: number): number {
  for (let i = from; i + 3 < b.length; i++) {
    if (b[i] === 13 && b[i + 1] === 10 && b[i + 2] === 13 && b[i + 3] === 10) return i;
  }
  return -1;
}

function indexOfCrlf(b: Uint8Array, from: number): number {
  for (let i = from; i + 1 < b.length; i++) if (b[i] === 13 && b[i + 1] === 10) return i;
  return -1;
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode(...b.subarray(i, i + 4096));
  return s;
}

/** Decodes a chunked body starting at `at`; null while incomplete. Trailer fields are read and dropped. */
function decodeChunked(b: Uint8Array, at: number, max: number): { body: Uint8Array; end: number } | null {
  const parts: Uint8Array[] = [];
  let total = 0;
  let i = at;
  for (;;) {
    const eol = indexOfCrlf(b, i);
    if (eol < 0) {
      if (b.length - i > 4096) throw new HttpParseError(400, 'Bad Request');
      return null;
    }
    const sizeField = latin1(b.subarray(i, eol)).split(';')[0].trim();
    if (!/^[0-9a-fA-F]{1,16}$/.test(sizeField)) throw new HttpParseError(400, 'Bad Request');
    const size = parseInt(sizeField, 16);
    i = eol + 2;
    if (size === 0) {
      // trailer section: lines until an empty one
      for (;;) {
        const t = indexOfCrlf(b, i);
        if (t < 0) return null;
        const empty = t === i;
        i = t + 2;
        if (empty) break;
      }
      const body = new Uint8Array(total);
      let off = 0;
      for (const p of parts) { body.set(p, off); off += p.length; }
      return { body, end: i };
    }
    total += size;
    if (total > max) throw new HttpParseError(413, 'Request Entity Too Large');
    if (b.length < i + size + 2) return null;
    if (b[i + size] !== 13 || b[i + size + 1] !== 10) throw new HttpParseError(400, 'Bad Request');
    parts.push(b.subarray(i, i + size));
    i += size + 2;
  }
}
