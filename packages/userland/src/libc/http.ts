// HTTP/1.1 on a stream socket for the clients and servers: reading a message
// head, bodies by Content-Length, chunked coding or connection close, URL
// splitting, status reasons and the IMF-fixdate of Date headers.

import type { Sys } from '@dockersim/kernel';
import { concat, text, utf8 } from './io.ts';
import { strftime } from './time.ts';

/** A buffered reader over one socket. */
export class SockReader {
  private buf: Uint8Array = new Uint8Array(0);
  eof = false;
  constructor(readonly sys: Sys, readonly fd: number) {}

  private async fill(): Promise<boolean> {
    if (this.eof) return false;
    const b = await this.sys.read(this.fd, 65536);
    if (b.length === 0) { this.eof = true; return false; }
    this.buf = this.buf.length ? concat([this.buf, b]) : b;
    return true;
  }

  /** Bytes up to and without `delim` (consumed), or null at EOF before it. */
  async until(delim: string): Promise<Uint8Array | null> {
    const d = utf8(delim);
    let from = 0;
    for (;;) {
      const i = indexOf(this.buf, d, from);
      if (i >= 0) {
        const out = this.buf.subarray(0, i);
        this.buf = this.buf.subarray(i + d.length);
        return out;
      }
      from = Math.max(0, this.buf.length - d.length + 1);
      if (!(await this.fill())) return null;
    }
  }

  async line(): Promise<string | null> {
    const b = await this.until('\n');
    if (b === null) {
      if (!this.buf.length) return null;
      const rest = text(this.buf); this.buf = new Uint8Array(0); return rest;
    }
    return text(b).replace(/\r$/, '');
  }

  async exactly(n: number): Promise<Uint8Array> {
    while (this.buf.length < n) if (!(await this.fill())) break;
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(out.length);
    return out;
  }

  async rest(): Promise<Uint8Array> {
    while (await this.fill()) { /* read to EOF */ }
    const out = this.buf; this.buf = new Uint8Array(0);
    return out;
  }

  /** Whatever is buffered now, without reading. */
  take(): Uint8Array { const out = this.buf; this.buf = new Uint8Array(0); return out; }
  get buffered(): number { return this.buf.length; }
}

function indexOf(h: Uint8Array, n: Uint8Array, from: number): number {
  outer: for (let i = from; i + n.length <= h.length; i++) {
    for (let j = 0; j < n.length; j++) if (h[i + j] !== n[j]) continue outer;
    return i;
  }
  return -1;
}

export interface HttpHead {
  /** Request: method, target, version; response: version, status, reason. */
  start: string;
  headers: Array<[string, string]>;
}

export function header(h: HttpHead, name: string): string | undefined {
  const n = name.toLowerCase();
  return h.headers.find(([k]) => k.toLowerCase() === n)?.[1];
}

/** Reads a message head (start line and fields); null when the peer closed first. */
export async function readHead(r: SockReader): Promise<HttpHead | null> {
  const raw = await r.until('\r\n\r\n');
  if (raw === null) return null;
  const lines = text(raw).split('\r\n');
  while (lines.length && lines[0] === '') lines.shift();
  const headers: Array<[string, string]> = [];
  for (const l of lines.slice(1)) {
    const i = l.indexOf(':');
    if (i > 0) headers.push([l.slice(0, i).trim(), l.slice(i + 1).trim()]);
  }
  return { start: lines[0] ?? '', headers };
}

/** The body that follows a head: chunked, Content-Length, or up to EOF (responses). */
export async function readBody(r: SockReader, h: HttpHead, isResponse: boolean, head = false): Promise<Uint8Array> {
  if (head) return new Uint8Array(0);
  if (isResponse) {
    const code = Number(h.start.split(' ')[1]);
    if (code === 204 || code === 304 || (code >= 100 && code < 200)) return new Uint8Array(0);
  }
  if (/chunked/i.test(header(h, 'transfer-encoding') ?? '')) {
    const parts: Uint8Array[] = [];
    for (;;) {
      const sizeLine = await r.line();
      if (sizeLine === null) break;
      const n = parseInt(sizeLine, 16);
      if (!n) { await r.line(); break; }
      parts.push(await r.exactly(n));
      await r.line();
    }
    return concat(parts);
  }
  const cl = header(h, 'content-length');
  if (cl !== undefined) return r.exactly(Number(cl) || 0);
  return isResponse ? r.rest() : new Uint8Array(0);
}

export interface Url { scheme: string; host: string; port: number; explicitPort: boolean; path: string; user?: string }

/** Splits http://[user@]host[:port]/path (scheme optional: http). Null when malformed. */
export function parseUrl(s: string, defaultScheme = 'http'): Url | null {
  const m = /^(?:([a-zA-Z][\w+.-]*):\/\/)?(?:([^@/]*)@)?(\[[^\]]*\]|[^/:?#]*)(?::(\d*))?([/?#].*)?$/.exec(s);
  if (!m) return null;
  const scheme = (m[1] ?? defaultScheme).toLowerCase();
  const def = scheme === 'https' ? 443 : scheme === 'ftp' ? 21 : 80;
  const port = m[4] ? Number(m[4]) : def;
  let path = m[5] ?? '/';
  if (path.startsWith('?') || path.startsWith('#')) path = `/${path}`;
  path = path.replace(/#.*/, '');
  return { scheme, host: m[3] ?? '', port, explicitPort: !!m[4], path, user: m[2] };
}

export const REASONS: Record<number, string> = {
  100: 'Continue', 101: 'Switching Protocols', 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content',
  206: 'Partial Content', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified',
  307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden',
  404: 'Not Found', 405: 'Method Not Allowed', 408: 'Request Timeout', 411: 'Length Required', 413: 'Request Entity Too Large',
  414: 'Request-URI Too Large', 500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out',
};

/** The IMF-fixdate of Date and Last-Modified: "Tue, 21 Oct 2025 01:51:22 GMT". */
export function httpDate(ms: number): string { return strftime('%a, %d %b %Y %H:%M:%S GMT', ms); }

/** Writes a whole message: start line, fields, blank line, body. */
export async function writeMessage(sys: Sys, fd: number, start: string, headers: Array<[string, string]>, body?: Uint8Array | string): Promise<void> {
  const head = `${start}\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  const b = body === undefined ? undefined : typeof body === 'string' ? utf8(body) : body;
  await sys.write(fd, b && b.length ? concat([utf8(head), b]) : head);
}
