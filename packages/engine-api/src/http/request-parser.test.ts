import { describe, expect, it } from 'vitest';
import { HttpParseError, RequestReader, canonicalHeaderKey } from './request-parser.ts';
import { parseQuery, toApiRequest } from './api-request.ts';

const enc = new TextEncoder();
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('RequestReader', () => {
  it('reads a request with a Content-Length body, in pieces', () => {
    const r = new RequestReader();
    const wire = 'POST /v1.50/containers/create?name=web HTTP/1.1\r\nHost: api.moby.localhost\r\ncontent-type: application/json\r\nContent-Length: 13\r\n\r\n{"Image":"a"}';
    r.push(enc.encode(wire.slice(0, 40)));
    expect(r.take()).toBeNull();
    r.push(enc.encode(wire.slice(40, wire.length - 3)));
    expect(r.take()).toBeNull();
    r.push(enc.encode(wire.slice(wire.length - 3)));
    const req = r.take()!;
    expect(req.method).toBe('POST');
    expect(req.target).toBe('/v1.50/containers/create?name=web');
    expect(req.headers['Content-Type']).toBe('application/json');
    expect(text(req.body)).toBe('{"Image":"a"}');
  });

  it('decodes a chunked body (extensions and trailers dropped) and keeps what follows', () => {
    const r = new RequestReader();
    r.push(enc.encode('POST /build HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nabcd\r\n'));
    expect(r.take()).toBeNull();
    r.push(enc.encode('3\r\nefg\r\n0\r\nX-Trailer: 1\r\n\r\nGET /_ping HTTP/1.1\r\n\r\n'));
    expect(text(r.take()!.body)).toBe('abcdefg');
    expect(r.take()!.target).toBe('/_ping');
    expect(r.take()).toBeNull();
  });

  it('keeps bytes after a request for whoever takes the connection over', () => {
    const r = new RequestReader();
    r.push(enc.encode('POST /containers/x/attach HTTP/1.1\r\nContent-Length: 0\r\n\r\nstdin bytes'));
    expect(r.take()!.body.length).toBe(0);
    expect(text(r.drain())).toBe('stdin bytes');
  });

  it('refuses what Go refuses: a bad request line 400, huge headers 431, huge bodies 413', () => {
    const bad = new RequestReader();
    bad.push(enc.encode('NOT A REQUEST\r\n\r\n'));
    expect(() => bad.take()).toThrow(HttpParseError);
    try { bad.take(); } catch (e) { expect((e as HttpParseError).status).toBe(400); }

    const big = new RequestReader({ maxHeaderBytes: 64, maxBodyBytes: 10 });
    big.push(enc.encode('GET / HTTP/1.1\r\nX-Long: ' + 'a'.repeat(100)));
    expect(() => big.take()).toThrow(expect.objectContaining({ status: 431 }));

    const body = new RequestReader({ maxHeaderBytes: 1024, maxBodyBytes: 10 });
    body.push(enc.encode('POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n'));
    expect(() => body.take()).toThrow(expect.objectContaining({ status: 413 }));

    const v2 = new RequestReader();
    v2.push(enc.encode('GET / HTTP/2.0\r\n\r\n'));
    expect(() => v2.take()).toThrow(expect.objectContaining({ status: 505 }));
  });

  it('canonicalises field names as Go does', () => {
    expect(canonicalHeaderKey('x-registry-auth')).toBe('X-Registry-Auth');
    expect(canonicalHeaderKey('API-VERSION')).toBe('Api-Version');
    expect(canonicalHeaderKey('ostype')).toBe('Ostype');
  });
});

describe('toApiRequest', () => {
  const req = (target: string, headers: Record<string, string> = {}, body = '') =>
    ({ method: 'POST', target, proto: 'HTTP/1.1', headers, body: enc.encode(body) });

  it('splits path and query, decoding the query as Go does (first value wins)', () => {
    expect(parseQuery('filters=%7B%22a%22%3A1%7D&all=1&all=0&x=a+b')).toEqual({ filters: '{"a":1}', all: '1', x: 'a b' });
    const r = toApiRequest(req('/v1.50/images/create?fromImage=alpine&tag=latest'));
    expect(r.path).toBe('/v1.50/images/create');
    expect(r.query).toEqual({ fromImage: 'alpine', tag: 'latest' });
  });

  it('parses JSON bodies and keeps others as bytes (tar contexts)', () => {
    expect(toApiRequest(req('/x', { 'Content-Type': 'application/json' }, '{"a":1}')).body).toEqual({ a: 1 });
    const tar = toApiRequest(req('/build', { 'Content-Type': 'application/x-tar' }, 'ustar'));
    expect(tar.body).toBeInstanceOf(Uint8Array);
  });

  it('marks an upgrade request', () => {
    expect(toApiRequest(req('/containers/a/attach', { Connection: 'Upgrade', Upgrade: 'tcp' })).upgrade).toBe(true);
    expect(toApiRequest(req('/containers/a/attach')).upgrade).toBeUndefined();
  });

  it('turns a body that is not JSON into an InvalidParameter error in dockerd\'s words', () => {
    const json = { 'Content-Type': 'application/json' };
    expect(() => toApiRequest(req('/x', json, '{"Image": '))).toThrow(/^invalid JSON: unexpected EOF$/);
    expect(() => toApiRequest(req('/x', json, 'bogus'))).toThrow(/^invalid JSON: invalid character 'b' looking for beginning of value$/);
    expect(() => toApiRequest(req('/v1.50/networks/create', json, '{"Name":"a"} {}'))).toThrow(/^unexpected content after JSON$/);
    expect(() => toApiRequest(req('/v1.50/containers/create', json, '[1]'))).toThrow(/^invalid JSON: json: cannot unmarshal array into Go value of type container.CreateRequest$/);
    expect(() => toApiRequest(req('/v1.50/volumes/create', json, '"v"'))).toThrow(/^invalid JSON: json: cannot unmarshal string into Go value of type volume.CreateOptions$/);
    // postContainersCreate decodes even an empty body
    expect(() => toApiRequest(req('/v1.50/containers/create'))).toThrow(/^invalid JSON: got EOF while reading request body$/);
    expect(toApiRequest(req('/v1.50/containers/abc/start')).body).toBeUndefined();
  });

  it('wants JSON as application/json (CheckForJSON)', () => {
    expect(() => toApiRequest(req('/v1.50/containers/create', { 'Content-Type': 'text/plain' }, '{}'))).toThrow(/^unsupported Content-Type header \(text\/plain\): must be 'application\/json'$/);
    expect(() => toApiRequest(req('/v1.50/containers/create', {}, '{}'))).toThrow(/^malformed Content-Type header \(\): mime: no media type$/);
    expect(toApiRequest(req('/v1.50/containers/create', { 'Content-Type': 'application/json; charset=utf-8' }, '{"Image":"a"}')).body).toEqual({ Image: 'a' });
  });
});
