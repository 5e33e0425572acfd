// IPv4 and MAC address helpers. Inside the stack an IPv4 address is an
// unsigned 32-bit number (fast prefix matches); it becomes a dotted quad only
// where something is shown or crosses the Sys interface.

import { EINVAL, SysError } from '../abi/errno.ts';

const QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** "a.b.c.d" → number, or -1 when malformed. */
export function parseIp(s: string): number {
  const m = QUAD.exec(s);
  if (!m) return -1;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const b = Number(m[i]);
    if (b > 255) return -1;
    n = n * 256 + b;
  }
  return n;
}

/** Like parseIp, throwing EINVAL. */
export function ip(s: string): number {
  const n = parseIp(s);
  if (n < 0) throw new SysError(EINVAL);
  return n;
}

export function fmtIp(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export function maskOf(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

export function inPrefix(a: number, net: number, len: number): boolean {
  const m = maskOf(len);
  return ((a & m) >>> 0) === ((net & m) >>> 0);
}

/** "a.b.c.d/len" (or a bare address: /32, or "default": /0) → [network-or-address, len]. */
export function parsePrefix(s: string, keepHost = false): [number, number] {
  if (s === 'default' || s === '0/0') return [0, 0];
  const i = s.indexOf('/');
  const a = ip(i < 0 ? s : s.slice(0, i));
  const len = i < 0 ? 32 : Number(s.slice(i + 1));
  if (!Number.isInteger(len) || len < 0 || len > 32 || (i >= 0 && s.slice(i + 1) === '')) throw new SysError(EINVAL);
  return [keepHost ? a : (a & maskOf(len)) >>> 0, len];
}

export function fmtPrefix(net: number, len: number): string {
  return len === 0 ? 'default' : len === 32 ? fmtIp(net) : `${fmtIp(net)}/${len}`;
}

export function broadcastOf(a: number, len: number): number {
  return (a | ~maskOf(len)) >>> 0;
}

export const LOOPBACK_NET = 0x7f000000;
export function isLoopback(a: number): boolean { return (a >>> 24) === 127; }

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;
export function validMac(s: string): boolean { return MAC.test(s); }
export const BROADCAST_MAC = 'ff:ff:ff:ff:ff:ff';

/** A locally administered unicast MAC from random bytes (eth_random_addr). */
export function randomMac(bytes: Uint8Array): string {
  const b = Array.from(bytes.subarray(0, 6));
  b[0] = (b[0]! & 0xfe) | 0x02;
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
}

/** Docker's MAC for a container address: 02:42 followed by the IPv4 address. */
export function macFromIp(a: number): string {
  const b = [0x02, 0x42, a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255];
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
}
