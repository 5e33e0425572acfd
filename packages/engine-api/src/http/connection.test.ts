import { describe, expect, it } from 'vitest';
import { HttpConnection } from './connection.ts';
import { handle, type Backend } from '../routes.ts';
import { notFound } from '../errors.ts';
import type { ApiRequest, ApiResponse, ByteStream, Conn, Transport } from '../transport/transport.ts';
import type { VersionResponse } from '../types.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();

const version = { Version: '28.2.2', ApiVersion: '1.50', MinAPIVersion: '1.24' } as VersionResponse;
const backend = {
  version: () => version,
  containerInspect: (id: string) => { throw notFound(`No such container: ${id}`); },
} as unknown as Backend;

/** A connection whose output is collected; resolves `closed` when the server ends its side. */
function open(transport: Transport) {
  const out: Uint8Array[] = [];
  let ended = false;
  const conn = new HttpConnection({ write: (b) => { out.push(b); }, end: () => { ended = true; } },
    { transport, engineVersion: '28.2.2', apiVersion: '1.50', now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
  return {
    conn,
    send: (s: string | Uint8Array) => conn.receive(typeof s === 'string' ? enc.encode(s) : s),
    text: () => out.map((b) => dec.decode(b)).join(''),
    ended: () => ended,
  };
}

const routes: Transport = { request: (r) => handle(backend, r) };
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('HttpConnection', () => {
  it('answers JSON with Content-Length, Go-sorted fields and dockerd\'s headers', async () => {
    const c = open(routes);
    c.send('GET /v1.50/version HTTP/1.1\r\nHost: api.moby.localhost\r\n\r\n');
    await tick();
    const body = '{"Version":"28.2.2","ApiVersion":"1.50","MinAPIVersion":"1.24"}\n';
    expect(c.text()).toBe('HTTP/1.1 200 OK\r\nApi-Version: 1.50\r\nContent-Length: ' + body.length + '\r\nContent-Type: application/json\r\n' +
      'Date: Fri, 02 Jan 2026 03:04:05 GMT\r\nDocker-Experimental: false\r\nOstype: linux\r\nServer: Docker/28.2.2 (linux)\r\n\r\n' + body);
  });

  it('answers errors as {"message"} with the class\'s status, and keeps the connection for the next request', async () => {
    const c = open(routes);
    c.send('GET /v1.50/containers/nope/json HTTP/1.1\r\n\r\nGET /v1.50/bogus HTTP/1.1\r\n\r\n');
    await tick();
    const t = c.text();
    expect(t).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    expect(t).toContain('{"message":"No such container: nope"}\n');
    expect(t).toContain('{"message":"page not found"}\n');
    expect(t.match(/HTTP\/1\.1 404/g)).toHaveLength(2);
    expect(c.ended()).toBe(false);
  });

  it('HEAD /_ping: the headers and no body', async () => {
    const c = open(routes);
    c.send('HEAD /_ping HTTP/1.1\r\n\r\n');
    await tick();
    expect(c.text()).toMatch(/^HTTP\/1\.1 200 OK\r\nApi-Version: 1\.50\r\n.*Content-Length: 0\r\n/s);
    expect(c.text()).toMatch(/\r\n\r\n$/);
  });

  it('streams a body with chunked transfer coding', async () => {
    const chunks = [enc.encode('{"status":"a"}\n'), enc.encode('{"status":"b"}\n')];
    const stream: ByteStream = { async read() { return chunks.shift() ?? null; }, cancel() {} };
    const c = open({ request: async () => ({ status: 200, headers: { 'Content-Type': 'application/json' }, stream }) });
    c.send('POST /v1.50/images/create?fromImage=alpine HTTP/1.1\r\n\r\n');
    await tick(); await tick();
    expect(c.text()).toMatch(/Transfer-Encoding: chunked\r\n\r\nf\r\n\{"status":"a"\}\n\r\nf\r\n\{"status":"b"\}\n\r\n0\r\n\r\n$/);
  });

  it('a client that leaves mid-stream cancels the stream', async () => {
    let cancelled = false;
    const stream: ByteStream = { read: () => new Promise(() => {}), cancel() { cancelled = true; } };
    const c = open({ request: async () => ({ status: 200, stream }) });
    c.send('GET /v1.50/events HTTP/1.1\r\n\r\n');
    await tick();
    c.conn.close();
    expect(cancelled).toBe(true);
  });

  it('a client that half-closes during a streamed answer cancels it too (Go cancels the request\'s context on EOF)', async () => {
    let wake!: (v: Uint8Array | null) => void;
    let cancelled = false;
    const stream: ByteStream = { read: () => new Promise((r) => { wake = r; }), cancel() { cancelled = true; wake(null); } };
    const c = open({ request: async () => ({ status: 200, stream }) });
    c.send('GET /v1.50/containers/x/logs?follow=1&stdout=1 HTTP/1.1\r\n\r\n');
    await tick();
    c.conn.receiveEnd();
    await tick();
    expect(cancelled).toBe(true);
    expect(c.text()).toMatch(/\r\n0\r\n\r\n$/);
    expect(c.ended()).toBe(true);
  });

  /** A fake hijacked connection: records what the client sent, plays back output. */
  function fakeConn(output: string[]) {
    const got: string[] = [];
    let halfClosed = false;
    const conn: Conn = {
      async read() { await tick(); const s = output.shift(); return s === undefined ? null : enc.encode(s); },
      async write(d) { got.push(dec.decode(d)); },
      closeWrite() { halfClosed = true; },
      cancel() {},
    };
    return { conn, got, halfClosed: () => halfClosed };
  }

  it('hijacks with 101 UPGRADED when asked, relays both ways, ends when the daemon does', async () => {
    const f = fakeConn(['\x01\x00\x00\x00\x00\x00\x00\x03hi\n']);
    let seen: ApiRequest | undefined;
    const c = open({ request: async (r): Promise<ApiResponse> => { seen = r; return { status: 101, conn: f.conn, headers: { 'Content-Type': 'application/vnd.docker.multiplexed-stream' } }; } });
    c.send('POST /v1.50/containers/x/attach?stream=1&stdin=1 HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\nearly');
    await tick();
    c.send('late');
    c.conn.receiveEnd();
    for (let i = 0; i < 5; i++) await tick();
    expect(seen?.upgrade).toBe(true);
    expect(c.text()).toMatch(/^HTTP\/1\.1 101 UPGRADED\r\nContent-Type: application\/vnd\.docker\.multiplexed-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nApi-Version: 1\.50\r\n/);
    expect(c.text().endsWith('\r\n\r\n\x01\x00\x00\x00\x00\x00\x00\x03hi\n')).toBe(true);
    expect(f.got.join('')).toBe('earlylate');
    expect(f.halfClosed()).toBe(true);
    expect(c.ended()).toBe(true);
  });

  it('hijacks with 200 OK for a client that did not ask to upgrade', async () => {
    const f = fakeConn([]);
    const c = open({ request: async () => ({ status: 101, conn: f.conn, headers: { 'Content-Type': 'application/vnd.docker.raw-stream' } }) });
    c.send('POST /containers/x/attach HTTP/1.1\r\n\r\n');
    for (let i = 0; i < 3; i++) await tick();
    expect(c.text()).toMatch(/^HTTP\/1\.1 200 OK\r\nContent-Type: application\/vnd\.docker\.raw-stream\r\nApi-Version/);
    expect(c.text()).not.toContain('Upgrade');
  });

  it('a bad request gets Go\'s plain 400 and the connection closes', async () => {
    const c = open(routes);
    c.send('garbage\r\n\r\n');
    await tick();
    expect(c.text()).toBe('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request');
    expect(c.ended()).toBe(true);
  });

  it('a JSON body that does not parse is 400 with encoding/json\'s words', async () => {
    const c = open(routes);
    c.send('POST /v1.50/containers/create HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\nbogus');
    await tick();
    expect(c.text()).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(c.text()).toContain(`{"message":"invalid JSON: invalid character 'b' looking for beginning of value"}\n`);
  });

  it('HTTP/1.0 and Connection: close end the connection after the answer', async () => {
    const c = open(routes);
    c.send('GET /_ping HTTP/1.1\r\nConnection: close\r\n\r\n');
    await tick();
    expect(c.text()).toContain('Connection: close\r\n');
    expect(c.ended()).toBe(true);
  });
});
