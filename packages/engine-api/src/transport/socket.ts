// The wire between the docker program and dockerd inside the simulated kernel:
// one SOCK_SEQPACKET connection per request on /var/run/docker.sock. The client
// sends the request object; the server answers with a head message
// {status, headers, body, streaming}, then, for streamed bodies and upgraded
// connections, Uint8Array chunks until it closes. After an upgrade the client
// sends Uint8Array chunks too, and shutdown(SHUT_WR) is its half-close.

import { AF_UNIX, SOCK_SEQPACKET, SHUT_WR, type Sys } from '@dockersim/kernel';
import type { ApiRequest, ApiResponse, ByteStream, Conn, Transport } from './transport.ts';

export interface ResponseHead {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** 'stream' for a streamed body, 'conn' for an upgraded connection. */
  streaming?: 'stream' | 'conn';
}

export const DOCKER_SOCKET = '/var/run/docker.sock';

class SocketStream implements Conn {
  private _closed = false;
  constructor(private readonly sys: Sys, private readonly fd: number) {}
  async read(): Promise<Uint8Array | null> {
    if (this._closed) return null;
    let m;
    // closed under a pending read (a detach): the end of the stream, as for a closed net.Conn
    try { m = await this.sys.recvmsg(this.fd); } catch (e) { if (this._closed) return null; throw e; }
    if (m === null) { this.cancel(); return null; }
    return m as Uint8Array;
  }
  async write(data: Uint8Array): Promise<void> { await this.sys.sendmsg(this.fd, data); }
  closeWrite(): void { try { this.sys.shutdown(this.fd, SHUT_WR); } catch { /* already closed */ } }
  cancel(): void {
    if (this._closed) return;
    this._closed = true;
    try { this.sys.close(this.fd); } catch { /* already closed */ }
  }
}

/** A client transport over a unix socket of the simulated kernel. */
export function socketTransport(sys: Sys, path = DOCKER_SOCKET): Transport {
  return {
    async request(req: ApiRequest): Promise<ApiResponse> {
      const fd = sys.socket(AF_UNIX, SOCK_SEQPACKET);
      try {
        await sys.connect(fd, { path });
        const q = req.query ? Object.entries(req.query).filter(([, v]) => v !== undefined && v !== '') : [];
        sys.traceMarker('docker', `${req.method} ${req.path}${q.length ? '?' + q.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&') : ''}`, { socket: path });
        await sys.sendmsg(fd, req);
        const head = (await sys.recvmsg(fd)) as ResponseHead | null;
        if (!head) throw new Error('EOF');
        sys.traceMarker('docker', `HTTP ${head.status}${head.streaming ? ` (${head.streaming === 'conn' ? 'hijacked connection' : 'stream'})` : ''}`);
        const res: ApiResponse = { status: head.status, headers: head.headers, body: head.body };
        if (head.streaming === 'stream') res.stream = new SocketStream(sys, fd);
        else if (head.streaming === 'conn') res.conn = new SocketStream(sys, fd);
        else sys.close(fd);
        return res;
      } catch (e) {
        try { sys.close(fd); } catch { /* closed */ }
        throw e;
      }
    },
  };
}

/** The server half of one accepted connection: reads the request, lets the handler answer. */
export async function readSocketRequest(sys: Sys, fd: number): Promise<ApiRequest | null> {
  return (await sys.recvmsg(fd)) as ApiRequest | null;
}

/** Writes an ApiResponse to an accepted connection, pumping a stream or a connection through it. */
export async function writeSocketResponse(sys: Sys, fd: number, res: ApiResponse): Promise<void> {
  const head: ResponseHead = { status: res.status, headers: res.headers, body: res.body };
  if (res.stream) head.streaming = 'stream';
  if (res.conn) head.streaming = 'conn';
  await sys.sendmsg(fd, head);
  if (res.stream) {
    const src = res.stream;
    // A client that hangs up cancels its request (net/http cancels the
    // request's context): the stream ends instead of waiting on.
    void sys.recvmsg(fd).then((m) => { if (m === null) src.cancel(); }, () => undefined);
    await pump(src, (c) => sys.sendmsg(fd, c));
  } else if (res.conn) {
    const conn = res.conn;
    const inbound = (async () => {
      for (;;) {
        const m = await sys.recvmsg(fd).catch(() => null);
        if (m === null) { conn.closeWrite(); return; }
        await conn.write(m as Uint8Array);
      }
    })();
    await pump(conn, (c) => sys.sendmsg(fd, c));
    void inbound;
  }
  try { sys.close(fd); } catch { /* closed */ }
}

async function pump(src: ByteStream, send: (c: Uint8Array) => Promise<void>): Promise<void> {
  for (;;) {
    const c = await src.read();
    if (c === null) return;
    try { await send(c); } catch { src.cancel(); return; }
  }
}
