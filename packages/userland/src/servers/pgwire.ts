// PostgreSQL's frontend/backend protocol v3, the part psql and the server
// use here: the startup packet, authentication (trust or cleartext
// password), parameter status, simple queries and their results, errors.

import type { Sys } from '@dockersim/kernel';
import type { SockReader } from '../libc/http.ts';
import { concat, text, utf8 } from '../libc/io.ts';

export interface PgMessage { type: string; body: Uint8Array }

const be32 = (n: number) => new Uint8Array([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
const be16 = (n: number) => new Uint8Array([(n >> 8) & 255, n & 255]);
const rd32 = (b: Uint8Array, p: number) => ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
const cstr = (s: string) => concat([utf8(s), new Uint8Array([0])]);

export function message(type: string, ...parts: Uint8Array[]): Uint8Array {
  const body = concat(parts);
  return concat([utf8(type), be32(body.length + 4), body]);
}

export function startupPacket(params: Record<string, string>): Uint8Array {
  const body = concat([be32(196608), ...Object.entries(params).flatMap(([k, v]) => [cstr(k), cstr(v)]), new Uint8Array([0])]);
  return concat([be32(body.length + 4), body]);
}

export async function readStartup(r: SockReader): Promise<Record<string, string> | null> {
  const head = await r.exactly(4);
  if (head.length < 4) return null;
  const body = await r.exactly(rd32(head, 0) - 4);
  if (rd32(body, 0) === 80877103) return { ssl: 'request' };
  const parts = text(body.subarray(4)).split('\0');
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < parts.length; i += 2) if (parts[i]) out[parts[i]!] = parts[i + 1]!;
  return out;
}

export async function readMessage(r: SockReader): Promise<PgMessage | null> {
  const head = await r.exactly(5);
  if (head.length < 5) return null;
  return { type: String.fromCharCode(head[0]!), body: await r.exactly(rd32(head, 1) - 4) };
}

export const authOk = () => message('R', be32(0));
export const authCleartext = () => message('R', be32(3));
export const password = (p: string) => message('p', cstr(p));
export const query = (q: string) => message('Q', cstr(q));
export const terminate = () => message('X');
export const parameterStatus = (k: string, v: string) => message('S', cstr(k), cstr(v));
export const backendKey = (pid: number, key: number) => message('K', be32(pid), be32(key));
export const ready = () => message('Z', utf8('I'));
export const commandComplete = (tag: string) => message('C', cstr(tag));
export const emptyQuery = () => message('I');

/** An ErrorResponse: severity, SQLSTATE code and message fields. */
export function errorResponse(severity: string, code: string, msg: string): Uint8Array {
  return message('E', utf8('S'), cstr(severity), utf8('V'), cstr(severity), utf8('C'), cstr(code), utf8('M'), cstr(msg), new Uint8Array([0]));
}

export function parseError(body: Uint8Array): { severity: string; code: string; message: string } {
  const out = { severity: 'ERROR', code: '', message: '' };
  let p = 0;
  while (p < body.length && body[p] !== 0) {
    const k = String.fromCharCode(body[p]!);
    let e = p + 1;
    while (e < body.length && body[e] !== 0) e++;
    const v = text(body.subarray(p + 1, e));
    if (k === 'S') out.severity = v; else if (k === 'C') out.code = v; else if (k === 'M') out.message = v;
    p = e + 1;
  }
  return out;
}

/** Column type OIDs psql aligns by: numbers right, the rest left. */
export const OID_INT4 = 23, OID_TEXT = 25, OID_NUMERIC = 1700, OID_BOOL = 16;

export function rowDescription(cols: Array<{ name: string; oid: number }>): Uint8Array {
  return message('T', be16(cols.length), ...cols.flatMap((c) => [cstr(c.name), be32(0), be16(0), be32(c.oid), be16(c.oid === OID_INT4 ? 4 : 65535), be32(0xffffffff), be16(0)]));
}

export function dataRow(values: Array<string | null>): Uint8Array {
  return message('D', be16(values.length), ...values.flatMap((v) => (v === null ? [be32(0xffffffff)] : [be32(utf8(v).length), utf8(v)])));
}

export function parseRowDescription(b: Uint8Array): Array<{ name: string; oid: number }> {
  const n = (b[0]! << 8) | b[1]!;
  const cols: Array<{ name: string; oid: number }> = [];
  let p = 2;
  for (let i = 0; i < n; i++) {
    let e = p;
    while (b[e] !== 0) e++;
    const name = text(b.subarray(p, e));
    p = e + 1;
    const oid = rd32(b, p + 6);
    p += 18;
    cols.push({ name, oid });
  }
  return cols;
}

export function parseDataRow(b: Uint8Array): Array<string | null> {
  const n = (b[0]! << 8) | b[1]!;
  const out: Array<string | null> = [];
  let p = 2;
  for (let i = 0; i < n; i++) {
    const len = rd32(b, p);
    p += 4;
    if (len === 0xffffffff) { out.push(null); continue; }
    out.push(text(b.subarray(p, p + len)));
    p += len;
  }
  return out;
}

export async function send(sys: Sys, fd: number, ...msgs: Uint8Array[]): Promise<void> {
  await sys.write(fd, concat(msgs));
}
