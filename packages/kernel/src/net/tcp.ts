// TCP (Linux's tcp_input.c / tcp_output.c, reduced to what a lossless
// virtual wire needs): the three-way handshake with a listen backlog, data
// segments acknowledged one by one, FIN in both directions, RST for a port
// nobody listens on (ECONNREFUSED) and for data sent to a closed socket.
// SYNs are retransmitted at 1, 3, 7, 15, 31 and 63 s; without an answer
// connect fails at 127 s with ETIMEDOUT (tcp_syn_retries = 6). Segments up
// to 64 KiB (as GSO hands them to the wire); no retransmission of data.

import { EADDRINUSE, EADDRNOTAVAIL, EAGAIN, EALREADY, ECONNREFUSED, ECONNRESET, EHOSTUNREACH, EINPROGRESS, EINVAL,
  EISCONN, ENETUNREACH, ENOTCONN, ETIMEDOUT, SysError } from '../abi/errno.ts';
import { O_NONBLOCK } from '../abi/flags.ts';
import { current, sleepOn } from '../sched/wait.ts';
import type { Timer } from '../sched/clock.ts';
import type { NetNs } from './netns.ts';
import type { Ipv4Packet, TcpSeg } from './packet.ts';
import { ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN } from './packet.ts';
import { InetSocket, findBound } from './inet.ts';
import { ipOutput, nextId } from './ip.ts';

export type TcpState = 'CLOSE' | 'LISTEN' | 'SYN_SENT' | 'SYN_RECV' | 'ESTABLISHED' | 'FIN_WAIT1' | 'FIN_WAIT2'
  | 'CLOSE_WAIT' | 'LAST_ACK' | 'CLOSING' | 'TIME_WAIT';

const SEG = 65483;
const WIN = 64240;
const SYN_RETRIES_AT = [1000, 3000, 7000, 15000, 31000, 63000];
const SYN_GIVEUP = 127000;

function connKey(laddr: number, lport: number, raddr: number, rport: number): string {
  return `${laddr}:${lport} ${raddr}:${rport}`;
}

function table(ns: NetNs) { return ns.tcp ??= { bound: new Map(), conn: new Map() }; }

function emit(s: InetSocket, flags: number, data: Uint8Array | null = null, seq = s.sndNxt): number {
  const seg: TcpSeg = { sport: s.lport, dport: s.rport, flags, seq: seq >>> 0, ack: flags & TCP_ACK ? s.rcvNxt >>> 0 : 0, win: WIN, data };
  return ipOutput(s.ns, { src: s.laddr, dst: s.raddr, ttl: s.ttl, id: nextId(s.ns), proto: 'tcp', tcp: seg });
}

/** A RST answering a segment nobody wants. */
function reset(ns: NetNs, p: Ipv4Packet): void {
  const t = p.tcp!;
  if (t.flags & TCP_RST) return;
  const len = (t.data?.length ?? 0) + (t.flags & TCP_SYN ? 1 : 0) + (t.flags & TCP_FIN ? 1 : 0);
  const seg: TcpSeg = t.flags & TCP_ACK
    ? { sport: t.dport, dport: t.sport, flags: TCP_RST, seq: t.ack, ack: 0, win: 0, data: null }
    : { sport: t.dport, dport: t.sport, flags: TCP_RST | TCP_ACK, seq: 0, ack: (t.seq + len) >>> 0, win: 0, data: null };
  ipOutput(ns, { src: p.dst, dst: p.src, ttl: 64, id: nextId(ns), proto: 'tcp', tcp: seg });
}

function iss(ns: NetNs, port: number): number {
  return ((ns.clock.now * 250_000 + port * 2654435761) >>> 0);
}

function register(s: InetSocket): void {
  table(s.ns).conn.set(connKey(s.laddr, s.lport, s.raddr, s.rport), s);
}

function unregister(s: InetSocket): void {
  const t = s.ns.tcp;
  if (!t) return;
  const k = connKey(s.laddr, s.lport, s.raddr, s.rport);
  if (t.conn.get(k) === s) t.conn.delete(k);
}

/** The connection is over: out of every table, waiters woken. */
function done(s: InetSocket, err = 0): void {
  if (s.synTimer) { s.ns.clock.cancel(s.synTimer as Timer); s.synTimer = null; }
  unregister(s);
  if (!s.listener) s.unbind();
  if (err && !s.orphan) s.err = err;
  s.state = 'CLOSE';
  s.rxEof = true;
  s.rq.wakeAll();
}

// --- calls ---

export function tcpListen(s: InetSocket, backlog: number): void {
  if (s.state !== 'CLOSE' && s.state !== 'LISTEN') throw new SysError(EINVAL);
  if (!s.bound) s.bind(0, 0);
  else {
    // listening makes an address exclusive even under SO_REUSEADDR
    for (const o of table(s.ns).bound.get(s.lport) ?? []) {
      if (o !== s && o.state === 'LISTEN' && (o.laddr === 0 || s.laddr === 0 || o.laddr === s.laddr)) throw new SysError(EADDRINUSE);
    }
  }
  s.state = 'LISTEN';
  s.backlog ??= [];
  s.maxBacklog = Math.max(1, Math.min(backlog, 4096));
}

export async function tcpAccept(s: InetSocket): Promise<InetSocket> {
  if (s.state !== 'LISTEN') throw new SysError(EINVAL);
  const me = current();
  for (;;) {
    const c = s.backlog!.shift();
    if (c) { c.listener = null; return c; }
    if (s.flags & O_NONBLOCK) throw new SysError(EAGAIN);
    await sleepOn(me, s.rq);
    if (s.state !== 'LISTEN') throw new SysError(EINVAL);
  }
}

export function tcpAcceptNow(s: InetSocket): InetSocket | undefined {
  if (s.state !== 'LISTEN') throw new SysError(EINVAL);
  const c = s.backlog!.shift();
  if (c) c.listener = null;
  return c;
}

export async function tcpConnect(s: InetSocket, addr: number, port: number): Promise<void> {
  if (s.state === 'ESTABLISHED' || s.state === 'CLOSE_WAIT') throw new SysError(EISCONN);
  if (s.state === 'SYN_SENT') throw new SysError(EALREADY);
  if (s.state !== 'CLOSE') throw new SysError(EINVAL);
  if (addr === 0) addr = 0x7f000001;
  s.autobind(addr);
  s.raddr = addr; s.rport = port;
  if (table(s.ns).conn.has(connKey(s.laddr, s.lport, addr, port))) throw new SysError(EADDRNOTAVAIL);
  register(s);
  s.state = 'SYN_SENT';
  s.sndNxt = iss(s.ns, s.lport);
  const e = emit(s, TCP_SYN);
  if (e) { done(s); s.err = 0; throw new SysError(e); }
  s.sndNxt = (s.sndNxt + 1) >>> 0;
  const clock = s.ns.clock, start = clock.now;
  let tries = 0;
  const arm = (): void => {
    const at = tries < SYN_RETRIES_AT.length ? SYN_RETRIES_AT[tries]! : SYN_GIVEUP;
    s.synTimer = clock.at(start + at, () => {
      s.synTimer = null;
      if (s.state !== 'SYN_SENT') return;
      if (tries >= SYN_RETRIES_AT.length) { done(s, ETIMEDOUT); return; }
      tries++;
      emit(s, TCP_SYN, null, (s.sndNxt - 1) >>> 0);
      arm();
    });
  };
  arm();
  if (s.flags & O_NONBLOCK) throw new SysError(EINPROGRESS);
  const me = current();
  while (s.state === 'SYN_SENT') await sleepOn(me, s.rq);
  if (s.state !== 'ESTABLISHED' && s.state !== 'CLOSE_WAIT') {
    const err = s.err || ECONNREFUSED;
    s.err = 0;
    throw new SysError(err);
  }
}

export function tcpSend(s: InetSocket, data: Uint8Array): void {
  for (let off = 0; off < data.length; off += SEG) {
    const chunk = data.slice(off, Math.min(data.length, off + SEG));
    emit(s, TCP_PSH | TCP_ACK, chunk);
    s.sndNxt = (s.sndNxt + chunk.length) >>> 0;
  }
}

export function tcpShutdown(s: InetSocket, how: number): void {
  if (s.state === 'LISTEN' || s.state === 'CLOSE' || s.state === 'SYN_SENT') throw new SysError(ENOTCONN);
  if (how === 0 || how === 2) { s.rxEof = true; s.rq.wakeAll(); }
  if ((how === 1 || how === 2) && !s.txShut) {
    s.txShut = true;
    sendFin(s);
  }
}

function sendFin(s: InetSocket): void {
  if (s.state === 'ESTABLISHED') s.state = 'FIN_WAIT1';
  else if (s.state === 'CLOSE_WAIT') s.state = 'LAST_ACK';
  else return;
  emit(s, TCP_FIN | TCP_ACK);
  s.sndNxt = (s.sndNxt + 1) >>> 0;
}

/** The last fd closed. */
export function tcpClose(s: InetSocket): void {
  switch (s.state) {
    case 'LISTEN': {
      s.unbind();
      for (const c of s.backlog ?? []) { emit(c, TCP_RST | TCP_ACK); done(c); }
      s.backlog = null;
      s.state = 'CLOSE';
      s.rq.wakeAll();
      // connections still in their handshake go too
      for (const c of [...(s.ns.tcp?.conn.values() ?? [])]) if (c.listener === s) { emit(c, TCP_RST | TCP_ACK); done(c); }
      return;
    }
    case 'SYN_SENT': done(s); return;
    case 'CLOSE': s.unbind(); return;
    default:
      if (s.rx.length && !s.rxEof) { emit(s, TCP_RST | TCP_ACK); done(s); return; }
      if (!s.txShut) { s.txShut = true; sendFin(s); }
      s.rx = [];
  }
}

// --- input ---

export function tcpInput(ns: NetNs, p: Ipv4Packet): void {
  const t = p.tcp!;
  const tbl = ns.tcp;
  const s = tbl?.conn.get(connKey(p.dst, t.dport, p.src, t.sport));
  if (s) { established(s, p, t); return; }
  const l = tbl && findBound(tbl, p.dst, t.dport, (x) => x.state === 'LISTEN');
  if (!l || !(t.flags & TCP_SYN) || (t.flags & (TCP_ACK | TCP_RST))) { reset(ns, p); return; }
  // a SYN for a listener: a child in SYN_RECV, unless the accept queue is full (the SYN is dropped)
  if (l.backlog!.length >= l.maxBacklog) return;
  const c = new InetSocket(ns, 'tcp', false, ns.newIno(), l.uid);
  c.laddr = p.dst; c.lport = t.dport; c.raddr = p.src; c.rport = t.sport;
  c.listener = l;
  c.state = 'SYN_RECV';
  c.rcvNxt = (t.seq + 1) >>> 0;
  c.sndNxt = iss(ns, c.lport ^ c.rport);
  register(c);
  emit(c, TCP_SYN | TCP_ACK);
  c.sndNxt = (c.sndNxt + 1) >>> 0;
}


function established(s: InetSocket, p: Ipv4Packet, t: TcpSeg): void {
  if (t.flags & TCP_RST) {
    if (s.state === 'SYN_SENT') done(s, ECONNREFUSED);
    else if (s.state === 'SYN_RECV') done(s);
    else done(s, s.state === 'ESTABLISHED' || s.state === 'CLOSE_WAIT' ? ECONNRESET : 0);
    return;
  }
  switch (s.state) {
    case 'SYN_SENT':
      if ((t.flags & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK)) {
        if (s.synTimer) { s.ns.clock.cancel(s.synTimer as Timer); s.synTimer = null; }
        s.rcvNxt = (t.seq + 1) >>> 0;
        s.state = 'ESTABLISHED';
        emit(s, TCP_ACK);
        s.rq.wakeAll();
      }
      return;
    case 'SYN_RECV':
      if (t.flags & TCP_ACK) {
        s.state = 'ESTABLISHED';
        const l = s.listener;
        if (l && l.state === 'LISTEN') { l.backlog!.push(s); l.rq.wakeAll(); } else { emit(s, TCP_RST | TCP_ACK); done(s); return; }
      } else return;
      break;
    default:
  }
  const data = t.data;
  if (data && data.length) {
    if (s.orphan || s.rxEof && s.state !== 'ESTABLISHED' && s.state !== 'FIN_WAIT1' && s.state !== 'FIN_WAIT2') {
      emit(s, TCP_RST | TCP_ACK); done(s); return;
    }
    s.rcvNxt = (s.rcvNxt + data.length) >>> 0;
    s.rx.push(data);
    emit(s, TCP_ACK);
    s.rq.wakeAll();
  }
  if (t.flags & TCP_ACK) {
    if (s.state === 'FIN_WAIT1' && t.ack === s.sndNxt) s.state = 'FIN_WAIT2';
    else if (s.state === 'LAST_ACK' && t.ack === s.sndNxt) { done(s); return; }
    else if (s.state === 'CLOSING' && t.ack === s.sndNxt) { done(s); return; }
  }
  if (t.flags & TCP_FIN) {
    s.rcvNxt = (s.rcvNxt + 1) >>> 0;
    s.rxEof = true;
    emit(s, TCP_ACK);
    if (s.state === 'ESTABLISHED') s.state = 'CLOSE_WAIT';
    else if (s.state === 'FIN_WAIT1') s.state = 'CLOSING';
    else if (s.state === 'FIN_WAIT2') { done(s); return; } // TIME_WAIT is not kept
    s.rq.wakeAll();
    if (s.orphan && s.state === 'CLOSE_WAIT') sendFin(s);
  }
}

/** An ICMP error about a segment we sent. */
export function tcpIcmpError(ns: NetNs, o: Ipv4Packet, type: number, code: number): void {
  const t = o.tcp!;
  const s = ns.tcp?.conn.get(connKey(o.src, t.sport, o.dst, t.dport));
  if (!s || (s.state !== 'SYN_SENT' && s.state !== 'SYN_RECV')) return;
  if (type !== ICMP_DEST_UNREACH) return;
  done(s, code === ICMP_PORT_UNREACH ? ECONNREFUSED : code === 0 ? ENETUNREACH : EHOSTUNREACH);
}
