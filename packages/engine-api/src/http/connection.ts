// One HTTP connection from a Docker client, served the way dockerd's Go server
// serves it: requests one after another on a kept-alive connection; each one
// handed to a Transport (in the emulator: a socket into the simulated kernel's
// /var/run/docker.sock, where dockerd answers through the shared routes); the
// answer written with Content-Length, as a chunked stream, or, for attach and
// exec start, as a hijacked connection ("101 UPGRADED" when the client asked
// for `Upgrade: tcp`, "200 OK" for older clients that just take the socket
// over) that carries raw or multiplexed bytes both ways until either side ends.
//
// Host-free: bytes come in through receive()/receiveEnd() and go out through
// a sink, so the same code serves a Node socket or a test's byte arrays.

import { EngineError } from '../errors.ts';
import { errorResponse } from '../routes.ts';
import type { ApiResponse, ByteStream, Conn, Transport } from '../transport/transport.ts';
import { toApiRequest } from './api-request.ts';
import { DEFAULT_LIMITS, HttpParseError, RequestReader, canonicalHeaderKey, type HttpRequest, type ParserLimits } from './request-parser.ts';
import { LAST_CHUNK, chunk, encodeBody, httpDate, reasonPhrase, responseHead } from './response-writer.ts';

/** Where a connection's output goes (a socket). */
export interface ByteSink {
  write(data: Uint8Array): void | Promise<void>;
  /** Half-close: no more output (the client reads EOF). */
  end(): void;
}

export interface HttpServerOptions {
  transport: Transport;
  /** The engine's version, for the Server field: "Docker/28.2.2 (linux)". */
  engineVersion: string;
  /** The API version the daemon speaks (its maximum), sent as Api-Version on every answer. */
  apiVersion: string;
  experimental?: boolean;
  /** Wall-clock epoch ms for the Date field; without it no Date is sent. */
  now?: () => number;
  limits?: ParserLimits;
}

const enc = new TextEncoder();

export class HttpConnection {
  private readonly reader: RequestReader;
  private inputEnded = false;
  private gone = false;
  private wakeReader: (() => void) | undefined;
  /** Set once the connection is hijacked: the client's bytes go here. */
  private conn: Conn | undefined;
  private connWrites: Promise<void> = Promise.resolve();
  /** The body being streamed, cancelled if the client leaves. */
  private streaming: ByteStream | undefined;
  /** Settles when the connection has nothing more to do. */
  readonly done: Promise<void>;

  constructor(private readonly sink: ByteSink, private readonly opts: HttpServerOptions) {
    this.reader = new RequestReader(opts.limits ?? DEFAULT_LIMITS);
    this.done = this.run().catch(() => undefined).finally(() => this.close());
  }

  /** Bytes from the client. */
  receive(data: Uint8Array): void {
    if (this.gone) return;
    if (this.conn) {
      const conn = this.conn;
      this.connWrites = this.connWrites.then(() => conn.write(data)).catch(() => undefined);
      return;
    }
    this.reader.push(data);
    this.wake();
  }

  /**
   * The client half-closed (it sends nothing more). On a hijacked connection
   * that is the end of stdin; during a streamed answer it is a client gone:
   * Go's server, reading on in the background, cancels the request's context
   * at EOF, so `logs -f` or `events` stops instead of waiting for output that
   * would reveal the broken pipe.
   */
  receiveEnd(): void {
    this.inputEnded = true;
    if (this.conn) {
      const conn = this.conn;
      this.connWrites = this.connWrites.then(() => conn.closeWrite());
    } else {
      this.streaming?.cancel();
    }
    this.wake();
  }

  /** The socket is gone: whatever was streaming to it is cancelled. */
  close(): void {
    if (this.gone) return;
    this.gone = true;
    this.streaming?.cancel();
    this.conn?.cancel();
    this.wake();
  }

  private wake(): void { const w = this.wakeReader; this.wakeReader = undefined; w?.(); }

  private async run(): Promise<void> {
    for (;;) {
      if (this.gone) return;
      let req: HttpRequest | null;
      try {
        req = this.reader.take();
      } catch (e) {
        if (e instanceof HttpParseError) await this.refuse(e);
        this.sink.end();
        return;
      }
      if (!req) {
        if (this.inputEnded) { this.sink.end(); return; }
        await new Promise<void>((r) => { this.wakeReader = r; });
        continue;
      }
      const keepAlive = req.proto === 'HTTP/1.1' && !/\bclose\b/i.test(req.headers['Connection'] ?? '');
      const hijacked = await this.serve(req, keepAlive);
      if (hijacked) return;
      if (!keepAlive) { this.sink.end(); return; }
    }
  }

  /** Go's answer to a request it cannot read: plain text, then the connection closes. */
  private async refuse(e: HttpParseError): Promise<void> {
    const text = `${e.status} ${e.message}`;
    await this.sink.write(responseHead(e.status, [['Content-Type', 'text/plain; charset=utf-8'], ['Connection', 'close']], e.message));
    await this.sink.write(enc.encode(text));
  }

  private common(): Map<string, string> {
    const h = new Map<string, string>();
    h.set('Api-Version', this.opts.apiVersion);
    if (this.opts.now) h.set('Date', httpDate(this.opts.now()));
    h.set('Docker-Experimental', String(this.opts.experimental ?? false));
    h.set('Ostype', 'linux');
    h.set('Server', `Docker/${this.opts.engineVersion} (linux)`);
    return h;
  }

  /** Answers one request; true when the connection was hijacked. */
  private async serve(httpReq: HttpRequest, keepAlive: boolean): Promise<boolean> {
    let res: ApiResponse;
    let upgrade = false;
    try {
      const req = toApiRequest(httpReq);
      upgrade = req.upgrade === true;
      res = await this.opts.transport.request(req);
    } catch (e) {
      res = errorResponse(e instanceof EngineError ? e : new EngineError('System', e instanceof Error ? e.message : String(e)));
    }
    const headers = this.common();
    for (const [k, v] of Object.entries(res.headers ?? {})) headers.set(canonicalHeaderKey(k), v);
    if (res.conn) { await this.hijack(res.conn, headers, upgrade); return true; }
    if (!keepAlive) headers.set('Connection', 'close');
    const head = httpReq.method === 'HEAD';
    if (res.stream) {
      headers.delete('Content-Length');
      headers.set('Transfer-Encoding', 'chunked');
      await this.sink.write(responseHead(res.status, sorted(headers)));
      if (head) { res.stream.cancel(); return false; }
      await this.pumpChunked(res.stream);
      return false;
    }
    const { bytes, type } = encodeBody(res.body);
    if (type && !headers.has('Content-Type')) headers.set('Content-Type', type);
    if (res.status >= 400 && res.body !== undefined && typeof res.body === 'object') headers.set('Content-Type', 'application/json');
    if (res.status === 204 || res.status === 304) {
      headers.delete('Content-Type');
    } else if (!headers.has('Content-Length')) {
      headers.set('Content-Length', String(bytes.length));
    }
    await this.sink.write(responseHead(res.status, sorted(headers)));
    if (!head && bytes.length && res.status !== 204 && res.status !== 304) await this.sink.write(bytes);
    return false;
  }

  private async pumpChunked(stream: ByteStream): Promise<void> {
    this.streaming = stream;
    if (this.inputEnded) stream.cancel();
    try {
      for (;;) {
        if (this.gone) { stream.cancel(); return; }
        const c = await stream.read();
        if (c === null) break;
        if (this.gone) { stream.cancel(); return; }
        if (c.length) await this.sink.write(chunk(c));
      }
      if (!this.gone) await this.sink.write(LAST_CHUNK);
    } finally {
      this.streaming = undefined;
    }
  }

  /**
   * dockerd writes the hijacked answer itself: its own first fields, then the
   * ones the handler had set; from then on the socket is the container's stdio.
   */
  private async hijack(conn: Conn, headers: Map<string, string>, upgrade: boolean): Promise<void> {
    const type = headers.get('Content-Type') ?? 'application/vnd.docker.raw-stream';
    for (const k of ['Content-Type', 'Connection', 'Upgrade', 'Content-Length']) headers.delete(k);
    const first: [string, string][] = [['Content-Type', type]];
    if (upgrade) first.push(['Connection', 'Upgrade'], ['Upgrade', 'tcp']);
    await this.sink.write(responseHead(upgrade ? 101 : 200, [...first, ...sorted(headers)], upgrade ? 'UPGRADED' : reasonPhrase(200)));
    this.conn = conn;
    if (this.gone) { conn.cancel(); return; }
    const early = this.reader.drain();
    if (early.length) this.connWrites = this.connWrites.then(() => conn.write(early)).catch(() => undefined);
    if (this.inputEnded) this.connWrites = this.connWrites.then(() => conn.closeWrite());
    for (;;) {
      const c = await conn.read();
      if (c === null || this.gone) break;
      if (c.length) await this.sink.write(c);
    }
    if (!this.gone) this.sink.end();
  }
}

/** Go writes header fields sorted by name. */
function sorted(h: Map<string, string>): [string, string][] {
  return [...h.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
