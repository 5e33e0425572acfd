// libnetwork's default IPAM for IPv4: address pools (the subnet of a network,
// optionally narrowed by --ip-range) and the addresses handed out in them.
// The default bridge takes 172.17.0.0/16; networks without --subnet get the
// first free /16 of the predefined pools 172.17-31.0.0/16, then /20s of
// 192.168.0.0/16. An address goes to the lowest free one (libnetwork's
// non-serial allocation), so a stopped container's address may be reused.

import { EngineError } from '@dockersim/engine-api';

const QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** "a.b.c.d" → number, or -1 when it is not an IPv4 address. */
export function parseIPv4(s: string): number {
  const m = QUAD.exec(s);
  if (!m) return -1;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const b = Number(m[i]);
    if (b > 255 || (m[i].length > 1 && m[i][0] === '0')) return -1;
    n = n * 256 + b;
  }
  return n;
}

export const fmtIPv4 = (n: number): string => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
export const maskOf = (len: number): number => (len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0);

export interface Cidr { addr: number; len: number }

/** "a.b.c.d/len" → its address (host bits kept) and length, or undefined. */
export function parseCidr(s: string): Cidr | undefined {
  const i = s.indexOf('/');
  if (i < 0) return undefined;
  const addr = parseIPv4(s.slice(0, i));
  const lenText = s.slice(i + 1);
  if (addr < 0 || !/^\d{1,2}$/.test(lenText) || Number(lenText) > 32) return undefined;
  return { addr, len: Number(lenText) };
}

export const networkOf = (c: Cidr): number => (c.addr & maskOf(c.len)) >>> 0;
export const fmtCidr = (c: Cidr): string => `${fmtIPv4(c.addr)}/${c.len}`;
export const contains = (c: Cidr, a: number): boolean => ((a & maskOf(c.len)) >>> 0) === networkOf(c);
export const overlaps = (a: Cidr, b: Cidr): boolean => contains(a, networkOf(b)) || contains(b, networkOf(a));

/** The predefined local address pools split in subnets (daemon default-address-pools). */
export function* predefinedSubnets(): Generator<Cidr> {
  for (let b = 17; b <= 31; b++) yield { addr: ((172 << 24) | (b << 16)) >>> 0, len: 16 };
  for (let i = 0; i < 16; i++) yield { addr: ((192 << 24) | (168 << 16) | (i << 12)) >>> 0, len: 20 };
}

const forbidden = (m: string) => new EngineError('Forbidden', m);

/** One network's IPv4 pool: subnet, optional sub-range, gateway, and the addresses in use. */
export class Pool {
  readonly used = new Set<number>();
  constructor(readonly subnet: Cidr, readonly range: Cidr | undefined, readonly gateway: number) {
    if (gateway) this.used.add(gateway);
  }

  /** Reserves addr; throws libnetwork's error when taken or outside the pool. */
  claim(addr: number): void {
    const net = networkOf(this.subnet);
    if (!contains(this.subnet, addr) || addr === net || (this.subnet.len < 31 && addr === (net | ~maskOf(this.subnet.len)) >>> 0)) {
      throw new EngineError('InvalidParameter', 'requested address is out of range');
    }
    if (this.used.has(addr)) throw forbidden('Address already in use');
    this.used.add(addr);
  }

  /** The lowest free address of the range (or subnet). */
  next(): number {
    const r = this.range ?? this.subnet;
    const first = networkOf(r), size = 2 ** (32 - r.len);
    const subNet = networkOf(this.subnet), subBcast = (subNet | ~maskOf(this.subnet.len)) >>> 0;
    for (let i = 0; i < size; i++) {
      const a = (first + i) >>> 0;
      if (a === subNet || a === subBcast || this.used.has(a)) continue;
      this.used.add(a);
      return a;
    }
    throw new EngineError('Unavailable', 'no available addresses on this pool');
  }

  release(addr: number): void { if (addr !== this.gateway) this.used.delete(addr); }
}
