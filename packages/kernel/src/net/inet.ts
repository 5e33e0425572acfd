// AF_INET sockets (Linux's inet_sock): TCP, UDP and ICMP (ping sockets and
// raw ICMP), bound and looked up in their network namespace's tables, each
// packet carried by the IP layer. This file holds the socket object, port
// binding and the datagram protocols; tcp.ts holds TCP's state machine.

import { EADDRINUSE, EADDRNOTAVAIL, EAGAIN, ECONNREFUSED, EDESTADDRREQ, EINVAL, EISCONN, EMSGSIZE, ENOTCONN,
  EOPNOTSUPP, EPIPE, ESPIPE, SysError } from '../abi/errno.ts';
import { O_NONBLOCK, O_RDWR, S_IFSOCK } from '../abi/flags.ts';
import type { Stat } from '../sys.ts';
import type { FileKind, OpenFile } from '../vfs/file.ts';
import { WaitQueue, current, sleepOn } from '../sched/wait.ts';
import type { NetDev, NetNs, SockTable } from './netns.ts';
import type { Ipv4Packet } from './packet.ts';
import { ICMP_DEST_UNREACH, ICMP_ECHO, ICMP_ECHOREPLY, ICMP_PORT_UNREACH } from './packet.ts';
import { fmtIp } from './addr.ts';
import { lookup, sourceFor } from './route.ts';
import { icmpError, ipOutput, nextId } from './ip.ts';
import { tcpInput, tcpIcmpError, type TcpState } from './tcp.ts';

const EMPTY = new Uint8Array(0);

export interface Datagram { data: Uint8Array; addr: number; port: number; ttl: number }

export class InetSocket implements OpenFile {
  readonly kind: FileKind = 'socket';
  refs = 0;
  flags = O_RDWR;
  laddr = 0; lport = 0; raddr = 0; rport = 0;
  bound = false;
  /** TCP's state; datagram sockets: CLOSE until connected (ESTABLISHED). */
  state: TcpState = 'CLOSE';
  reuseaddr = false;
  broadcast = false;
  rcvtimeo = 0;
  ttl = 64;
  /** A pending error (SO_ERROR; reported by the next call). */
  err = 0;
  readonly rq = new WaitQueue();
  // stream data
  rx: Uint8Array[] = [];
  rxOff = 0;
  rxEof = false;
  txShut = false;
  // datagrams
  dq: Datagram[] | null = null;
  // TCP
  backlog: InetSocket[] | null = null;
  maxBacklog = 0;
  listener: InetSocket | null = null;
  sndNxt = 0; rcvNxt = 0;
  synTimer: unknown = null;
  /** The file descriptor's side is gone (close); the connection may still be finishing. */
  orphan = false;

  constructor(readonly ns: NetNs, readonly proto: 'tcp' | 'udp' | 'icmp', readonly raw: boolean, readonly ino: number,
    readonly uid: number) {}

  get table(): SockTable | null {
    if (this.proto === 'icmp') return null;
    const ns = this.ns;
    if (this.proto === 'tcp') return ns.tcp ??= { bound: new Map(), conn: new Map() };
    return ns.udp ??= { bound: new Map(), conn: new Map() };
  }

  // --- binding ---

  bind(addr: number, port: number): void {
    if (this.bound) throw new SysError(EINVAL);
    if (addr !== 0 && !this.ns.isLocal(addr)) throw new SysError(EADDRNOTAVAIL);
    if (this.proto === 'icmp') {
      this.laddr = addr; this.lport = port || ephemeral(this.ns, null); this.bound = true;
      (this.ns.icmp ??= []).push(this);
      return;
    }
    const t = this.table!;
    if (port === 0) port = ephemeral(this.ns, t);
    else {
      for (const o of t.bound.get(port) ?? []) {
        if (o.laddr !== 0 && addr !== 0 && o.laddr !== addr) continue;
        if (this.reuseaddr && o.reuseaddr && o.state !== 'LISTEN') continue;
        throw new SysError(EADDRINUSE);
      }
    }
    this.laddr = addr; this.lport = port; this.bound = true;
    const list = t.bound.get(port);
    if (list) list.push(this); else t.bound.set(port, [this]);
  }

  unbind(): void {
    if (!this.bound) return;
    this.bound = false;
    if (this.proto === 'icmp') {
      const a = this.ns.icmp;
      if (a) { const i = a.indexOf(this); if (i >= 0) a.splice(i, 1); }
      return;
    }
    const t = this.table!;
    const list = t.bound.get(this.lport);
    if (!list) return;
    const i = list.indexOf(this);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) t.bound.delete(this.lport);
  }

  /** Picks the source address for dst (binding an ephemeral port when unbound). */
  autobind(dst: number): void {
    const r = lookup(this.ns, dst);
    if (!r) throw new SysError(101 /* ENETUNREACH */);
    if (!this.bound) this.bind(0, 0);
    if (this.laddr === 0 && this.proto === 'tcp') {
      this.laddr = sourceFor(this.ns, r, dst);
    }
  }

  srcFor(dst: number): number {
    if (this.laddr) return this.laddr;
    const r = lookup(this.ns, dst);
    if (!r) throw new SysError(101);
    return sourceFor(this.ns, r, dst);
  }

  // --- waiting ---

  async wait(): Promise<void> {
    const me = current();
    if (this.rcvtimeo > 0) {
      const deadline = this.ns.clock.now + this.rcvtimeo;
      await sleepOn(me, this.rq, true, deadline);
      if (this.ns.clock.now >= deadline) throw new SysError(EAGAIN);
      return;
    }
    await sleepOn(me, this.rq);
  }

  takeErr(): void {
    if (this.err) { const e = this.err; this.err = 0; throw new SysError(e); }
  }

  // --- datagrams (UDP, ICMP) ---

  queue(d: Datagram): void {
    const q = this.dq ??= [];
    if (q.length >= 256) return; // receive buffer full: dropped
    q.push(d);
    this.rq.wakeAll();
  }

  sendDatagram(data: Uint8Array, to: { addr: number; port: number } | null): number {
    this.takeErr();
    let dst: number, dport: number;
    if (to) { dst = to.addr; dport = to.port; } else {
      if (this.state !== 'ESTABLISHED') throw new SysError(this.proto === 'udp' ? EDESTADDRREQ : EDESTADDRREQ);
      dst = this.raddr; dport = this.rport;
    }
    if (dst === 0) dst = 0x7f000001;
    if (data.length > 65507) throw new SysError(EMSGSIZE);
    const src = this.srcFor(dst);
    if (!this.bound) this.bind(0, 0);
    let p: Ipv4Packet;
    if (this.proto === 'udp') {
      p = { src, dst, ttl: this.ttl, id: nextId(this.ns), proto: 'udp', udp: { sport: this.lport, dport, data: data.slice() } };
    } else {
      if (data.length < 8) throw new SysError(EINVAL);
      const type = data[0]!, code = data[1]!;
      const id = this.raw ? (data[4]! << 8) | data[5]! : this.lport;
      const seq = (data[6]! << 8) | data[7]!;
      p = { src, dst, ttl: this.ttl, id: nextId(this.ns), proto: 'icmp', icmp: { type, code, id, seq, data: data.slice(8) } };
    }
    const e = ipOutput(this.ns, p);
    if (e) throw new SysError(e);
    return data.length;
  }

  async recvDatagram(): Promise<Datagram> {
    for (;;) {
      this.takeErr();
      const d = this.dq?.shift();
      if (d) return d;
      if (this.flags & O_NONBLOCK) throw new SysError(EAGAIN);
      if (this.rxEof) return { data: EMPTY, addr: 0, port: 0, ttl: 0 };
      await this.wait();
    }
  }

  // --- OpenFile ---

  read(n: number): Uint8Array | Promise<Uint8Array> {
    if (this.proto !== 'tcp') return this.recvDatagram().then((d) => (d.data.length > n ? d.data.subarray(0, n) : d.data));
    return readStream(this, n);
  }

  write(data: Uint8Array): number {
    if (this.proto !== 'tcp') return this.sendDatagram(data, null);
    return writeStream(this, data);
  }

  stat(): Stat {
    return { dev: 0x8, ino: this.ino, mode: S_IFSOCK | 0o777, nlink: 1, uid: this.uid, gid: 0, rdev: 0, size: 0,
      blocks: 0, atimeMs: 0, mtimeMs: 0, ctimeMs: 0 };
  }

  seek(): number { throw new SysError(ESPIPE); }

  release(): void {
    this.orphan = true;
    if (this.proto === 'tcp') { tcpClose(this); return; }
    this.unbind();
    this.dq = null;
    this.state = 'CLOSE';
    this.rq.wakeAll();
  }
}

// --- stream helpers (TCP data lives on the socket; tcp.ts moves it) ---

import { tcpClose, tcpSend } from './tcp.ts';

function readNow(s: InetSocket, n: number): Uint8Array | null {
  const rx = s.rx;
  if (rx.length === 0) {
    if (s.err) { const e = s.err; s.err = 0; throw new SysError(e); }
    if (s.rxEof) return EMPTY;
    if (s.state !== 'ESTABLISHED' && s.state !== 'FIN_WAIT1' && s.state !== 'FIN_WAIT2') {
      if (s.state === 'SYN_SENT' || s.state === 'SYN_RECV') return null;
      throw new SysError(ENOTCONN);
    }
    return null;
  }
  const first = rx[0]!;
  const avail = first.length - s.rxOff;
  if (avail <= n) {
    rx.shift();
    const out = s.rxOff ? first.subarray(s.rxOff) : first;
    s.rxOff = 0;
    return out;
  }
  const out = first.subarray(s.rxOff, s.rxOff + n);
  s.rxOff += n;
  return out;
}

function readStream(s: InetSocket, n: number): Uint8Array | Promise<Uint8Array> {
  if (s.state === 'LISTEN') throw new SysError(ENOTCONN);
  const r = readNow(s, n);
  if (r) return r;
  if (s.flags & O_NONBLOCK) throw new SysError(EAGAIN);
  return (async () => {
    for (;;) {
      await s.wait();
      const r2 = readNow(s, n);
      if (r2) return r2;
    }
  })();
}

function writeStream(s: InetSocket, data: Uint8Array): number {
  if (s.err) { const e = s.err; s.err = 0; throw new SysError(e); }
  if (s.txShut) throw new SysError(EPIPE);
  if (s.state !== 'ESTABLISHED' && s.state !== 'CLOSE_WAIT') {
    throw new SysError(s.state === 'CLOSE' && s.rport ? EPIPE : ENOTCONN);
  }
  tcpSend(s, data);
  return data.length;
}

// --- ports ---

/** The next free port of ip_local_port_range (32768-60999). */
export function ephemeral(ns: NetNs, t: SockTable | null): number {
  for (let i = 0; i < 28232; i++) {
    const p = 32768 + ((ns.nextPort++ - 32768) % 28232 + 28232) % 28232;
    if (t ? !t.bound.has(p) : !(ns.icmp ?? []).some((s) => s.lport === p)) return p;
  }
  throw new SysError(EADDRINUSE);
}

/** The bound socket a packet to addr:port is for (exact address first, then the wildcard). */
export function findBound(t: SockTable, addr: number, port: number, pred?: (s: InetSocket) => boolean): InetSocket | undefined {
  const list = t.bound.get(port);
  if (!list) return undefined;
  let wild: InetSocket | undefined;
  for (const s of list) {
    if (pred && !pred(s)) continue;
    if (s.laddr === addr) return s;
    if (s.laddr === 0 && !wild) wild = s;
  }
  return wild;
}

// --- input ---

/** A packet for this namespace reached its transport layer. */
export function transportInput(ns: NetNs, dev: NetDev, p: Ipv4Packet): void {
  if (p.tcp) { tcpInput(ns, p); return; }
  if (p.udp) { udpInput(ns, dev, p); return; }
  if (p.icmp) icmpInput(ns, p);
}

function udpInput(ns: NetNs, dev: NetDev, p: Ipv4Packet): void {
  const u = p.udp!;
  const t = ns.udp;
  const s = t && findBound(t, p.dst, u.dport, (x) => x.state !== 'ESTABLISHED' || (x.raddr === p.src && x.rport === u.sport));
  if (!s) {
    if (!isBroadcast(ns, p.dst)) icmpError(ns, p, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, dev);
    return;
  }
  s.queue({ data: u.data, addr: p.src, port: u.sport, ttl: p.ttl });
}

function isBroadcast(ns: NetNs, a: number): boolean {
  if (a === 0xffffffff) return true;
  for (const d of ns.devs) for (const x of d.inet) if (x.len < 31 && x.brd === a) return true;
  return false;
}

/** ICMP as bytes from its header: what ICMP sockets read. */
export function icmpBytes(p: Ipv4Packet): Uint8Array {
  const m = p.icmp!;
  if (m.orig) {
    const o = m.orig;
    const b = new Uint8Array(8 + 20 + 8);
    b[0] = m.type; b[1] = m.code;
    b[8] = 0x45;
    b[16] = o.ttl; b[17] = o.proto === 'tcp' ? 6 : o.proto === 'udp' ? 17 : 1;
    const put32 = (at: number, v: number) => { b[at] = v >>> 24; b[at + 1] = (v >>> 16) & 255; b[at + 2] = (v >>> 8) & 255; b[at + 3] = v & 255; };
    put32(20, o.src); put32(24, o.dst);
    if (o.icmp) { b[28] = o.icmp.type; b[29] = o.icmp.code; b[32] = o.icmp.id >> 8; b[33] = o.icmp.id & 255; b[34] = o.icmp.seq >> 8; b[35] = o.icmp.seq & 255; }
    else { const sp = o.tcp?.sport ?? o.udp?.sport ?? 0, dp = o.tcp?.dport ?? o.udp?.dport ?? 0; b[28] = sp >> 8; b[29] = sp & 255; b[30] = dp >> 8; b[31] = dp & 255; }
    return b;
  }
  const b = new Uint8Array(8 + m.data.length);
  b[0] = m.type; b[1] = m.code; b[4] = m.id >> 8; b[5] = m.id & 255; b[6] = m.seq >> 8; b[7] = m.seq & 255;
  b.set(m.data, 8);
  return b;
}

function icmpInput(ns: NetNs, p: Ipv4Packet): void {
  const m = p.icmp!;
  const socks = ns.icmp;
  if (socks && socks.length) {
    let bytes: Uint8Array | null = null;
    for (const s of socks.slice()) {
      let mine = s.raw;
      if (!s.raw) {
        if (m.type === ICMP_ECHOREPLY) mine = m.id === s.lport;
        else if (m.orig?.icmp) mine = m.orig.icmp.type === ICMP_ECHO && m.orig.icmp.id === s.lport;
      }
      if (mine) s.queue({ data: bytes ??= icmpBytes(p), addr: p.src, port: 0, ttl: p.ttl });
    }
  }
  if (m.type === ICMP_ECHO) {
    ipOutput(ns, { src: p.dst, dst: p.src, ttl: 64, id: nextId(ns), proto: 'icmp',
      icmp: { type: ICMP_ECHOREPLY, code: 0, id: m.id, seq: m.seq, data: m.data } });
    return;
  }
  const o = m.orig;
  if (!o) return;
  if (o.tcp) tcpIcmpError(ns, o, m.type, m.code);
  else if (o.udp && ns.udp) {
    const s = findBound(ns.udp, o.src, o.udp.sport);
    if (s && s.state === 'ESTABLISHED' && m.type === ICMP_DEST_UNREACH && m.code === ICMP_PORT_UNREACH) {
      s.err = ECONNREFUSED;
      s.rq.wakeAll();
    }
  }
}

export function sockName(a: number, port: number): { addr: string; port: number } { return { addr: fmtIp(a), port }; }

void EISCONN; void EOPNOTSUPP;
