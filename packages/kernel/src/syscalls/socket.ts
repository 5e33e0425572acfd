// Socket system calls: AF_UNIX (SOCK_STREAM, SOCK_SEQPACKET), AF_INET
// (TCP, UDP, ICMP over the network stack of net/) and AF_PACKET (a device's
// frames, for tcpdump).

import { EACCES, EAFNOSUPPORT, EINVAL, ENOPROTOOPT, ENOTCONN, ENOTSOCK, EOPNOTSUPP, EPERM, EPIPE, EPROTONOSUPPORT,
  EPROTOTYPE, SysError, isSysError } from '../abi/errno.ts';
import { AF_INET, AF_PACKET, AF_UNIX, IPPROTO_ICMP, IPPROTO_IP, IPPROTO_TCP, IPPROTO_UDP, IP_TTL, O_NONBLOCK, SOCK_CLOEXEC,
  SOCK_DGRAM, SOCK_NONBLOCK, SOCK_RAW, SOCK_SEQPACKET, SOCK_STREAM, SOL_SOCKET, SO_BROADCAST, SO_ERROR, SO_KEEPALIVE,
  SO_RCVTIMEO, SO_REUSEADDR, SO_REUSEPORT, SO_TYPE, TCP_NODELAY } from '../abi/flags.ts';
import { SIGPIPE } from '../abi/signal.ts';
import type { SockAddr } from '../sys.ts';
import type { Kernel } from '../kernel.ts';
import type { Proc } from '../process/proc.ts';
import type { OpenFile } from '../vfs/file.ts';
import { UnixSocket, pair } from '../net/unix.ts';
import { InetSocket } from '../net/inet.ts';
import { tcpAccept, tcpAcceptNow, tcpConnect, tcpListen, tcpShutdown } from '../net/tcp.ts';
import { PacketSocket } from '../net/packet-socket.ts';
import { fmtIp, parseIp } from '../net/addr.ts';
import { fdAlloc, getFile } from '../process/fdtable.ts';
import { sendSignal } from '../process/signal.ts';
import { never } from '../sched/wait.ts';


function sock(p: Proc, fd: number): UnixSocket {
  const f = getFile(p, fd);
  if (!(f instanceof UnixSocket)) throw new SysError(f instanceof InetSocket || f instanceof PacketSocket ? EOPNOTSUPP : ENOTSOCK);
  return f;
}

function anySock(p: Proc, fd: number): UnixSocket | InetSocket | PacketSocket {
  const f = getFile(p, fd);
  if (!(f instanceof UnixSocket) && !(f instanceof InetSocket) && !(f instanceof PacketSocket)) throw new SysError(ENOTSOCK);
  return f;
}

function make(k: Kernel, p: Proc, domain: number, type: number, protocol: number): UnixSocket | InetSocket | PacketSocket {
  const t = type & ~(SOCK_CLOEXEC | SOCK_NONBLOCK);
  if (domain === AF_INET) {
    let s: InetSocket;
    if (t === SOCK_STREAM && (protocol === 0 || protocol === IPPROTO_TCP)) s = new InetSocket(p.ns.net, 'tcp', false, k.newPipeIno(), p.euid);
    else if (t === SOCK_DGRAM && (protocol === 0 || protocol === IPPROTO_UDP)) s = new InetSocket(p.ns.net, 'udp', false, k.newPipeIno(), p.euid);
    else if (t === SOCK_DGRAM && protocol === IPPROTO_ICMP) s = new InetSocket(p.ns.net, 'icmp', false, k.newPipeIno(), p.euid);
    else if (t === SOCK_RAW && protocol === IPPROTO_ICMP) {
      if (p.euid !== 0) throw new SysError(EPERM);
      s = new InetSocket(p.ns.net, 'icmp', true, k.newPipeIno(), p.euid);
      s.bind(0, 0);
    } else if (t === SOCK_RAW) throw new SysError(EPROTONOSUPPORT);
    else throw new SysError(EPROTOTYPE);
    if (type & SOCK_NONBLOCK) s.flags |= O_NONBLOCK;
    return s;
  }
  if (domain === AF_PACKET) {
    if (p.euid !== 0) throw new SysError(EPERM);
    const s = new PacketSocket(p.ns.net, k.newPipeIno());
    if (type & SOCK_NONBLOCK) s.flags |= O_NONBLOCK;
    return s;
  }
  if (domain !== AF_UNIX) {
    throw new SysError(EAFNOSUPPORT);
  } else if (t !== SOCK_STREAM && t !== SOCK_SEQPACKET && t !== SOCK_DGRAM) throw new SysError(EPROTOTYPE);
  const s = new UnixSocket(k, t, k.newPipeIno(), domain);
  s.netns = p.ns.net;
  if (type & SOCK_NONBLOCK) s.flags |= O_NONBLOCK;
  return s;
}

export function socket(k: Kernel, p: Proc, domain: number, type: number, protocol = 0): number {
  return fdAlloc(p, make(k, p, domain, type, protocol), (type & SOCK_CLOEXEC) !== 0);
}

export function socketpair(k: Kernel, p: Proc, domain: number, type: number): [number, number] {
  if (domain !== AF_UNIX) throw new SysError(EOPNOTSUPP);
  const a = make(k, p, domain, type, 0) as UnixSocket, b = make(k, p, domain, type, 0) as UnixSocket;
  pair(a, b);
  const cx = (type & SOCK_CLOEXEC) !== 0;
  return [fdAlloc(p, a, cx), fdAlloc(p, b, cx)];
}

function path(addr: SockAddr): string {
  if (!('path' in addr)) throw new SysError(EINVAL);
  if (!addr.path) throw new SysError(EINVAL);
  return addr.path;
}

function inet(addr: SockAddr): { addr: number; port: number } {
  if (!('addr' in addr) || !(Number.isInteger(addr.port) && addr.port >= 0 && addr.port < 65536)) throw new SysError(EINVAL);
  const a = parseIp(addr.addr);
  if (a < 0) throw new SysError(EINVAL);
  return { addr: a, port: addr.port };
}

export function bind(p: Proc, fd: number, addr: SockAddr): void {
  const s = anySock(p, fd);
  if (s instanceof InetSocket) {
    const a = inet(addr);
    if (a.port > 0 && a.port < 1024 && p.euid !== 0) throw new SysError(EACCES);
    s.bind(a.addr, a.port);
  } else if (s instanceof PacketSocket) s.bindDev(path(addr));
  else s.bind(p.fs, path(addr));
}

export function listen(p: Proc, fd: number, backlog: number): void {
  const s = anySock(p, fd);
  if (s instanceof InetSocket) {
    if (s.proto !== 'tcp') throw new SysError(EOPNOTSUPP);
    tcpListen(s, backlog);
  } else if (s instanceof UnixSocket) s.listen(p.ns.net);
  else throw new SysError(EOPNOTSUPP);
}

export function accept(p: Proc, fd: number): number | Promise<number> {
  const s = anySock(p, fd);
  if (s instanceof InetSocket) {
    if (s.proto !== 'tcp') throw new SysError(EOPNOTSUPP);
    const c = tcpAcceptNow(s);
    if (c) return fdAlloc(p, c);
    return tcpAccept(s).then((c2) => fdAlloc(p, c2));
  }
  if (!(s instanceof UnixSocket)) throw new SysError(EOPNOTSUPP);
  const c = s.acceptNow();
  if (c) return fdAlloc(p, c);
  return s.accept((s.flags & O_NONBLOCK) !== 0).then((c2) => fdAlloc(p, c2));
}

export function connect(p: Proc, fd: number, addr: SockAddr): void | Promise<void> {
  const s = anySock(p, fd);
  if (s instanceof InetSocket) {
    const a = inet(addr);
    if (s.proto === 'tcp') return tcpConnect(s, a.addr, a.port);
    // datagram: fix the peer (and the source address)
    const dst = a.addr === 0 ? 0x7f000001 : a.addr;
    if (!s.bound) s.bind(0, 0);
    if (!s.laddr && s.proto === 'udp') s.laddr = s.srcFor(dst);
    s.raddr = dst; s.rport = a.port; s.state = 'ESTABLISHED';
    return;
  }
  if (!(s instanceof UnixSocket)) throw new SysError(EOPNOTSUPP);
  s.connect(p.fs, path(addr));
}

export function shutdown(p: Proc, fd: number, how: number): void {
  const s = anySock(p, fd);
  if (s instanceof InetSocket) {
    if (s.proto === 'tcp') tcpShutdown(s, how);
    else if (s.state !== 'ESTABLISHED') throw new SysError(ENOTCONN);
    else if (how !== 1) { s.rxEof = true; s.rq.wakeAll(); }
    return;
  }
  if (!(s instanceof UnixSocket)) throw new SysError(EOPNOTSUPP);
  s.shutdown(how);
}

export function sendmsg(k: Kernel, p: Proc, fd: number, msg: unknown, fds?: number[]): void | Promise<never> {
  const f = anySock(p, fd);
  if (!(f instanceof UnixSocket)) {
    if (f instanceof InetSocket && msg instanceof Uint8Array) { f.write(msg); return; }
    throw new SysError(EOPNOTSUPP);
  }
  const s = f;
  let files: OpenFile[] | null = null;
  if (fds && fds.length) files = fds.map((n) => getFile(p, n));
  try {
    s.sendmsg(msg, files);
  } catch (e) {
    if (isSysError(e, EPIPE)) {
      sendSignal(k, p, p, SIGPIPE);
      if (!p.alive) return never();
    }
    throw e;
  }
}

export function recvmsg(p: Proc, fd: number, withFds: boolean): unknown | Promise<unknown> {
  const f = anySock(p, fd);
  if (f instanceof PacketSocket) return f.recv();
  if (f instanceof InetSocket) return promisedBytes(f.read(65536)).then((b) => (b.length ? b : null));
  const s = f;
  const pk = s.takePacket();
  if (pk === undefined) return s.recvPacket(false).then((q) => unpack(p, q, withFds));
  return unpack(p, pk, withFds);
}

function promisedBytes(r: Uint8Array | Promise<Uint8Array>): Promise<Uint8Array> { return r instanceof Promise ? r : Promise.resolve(r); }

function unpack(p: Proc, pk: { data: unknown; files: OpenFile[] | null } | null, withFds: boolean): unknown {
  if (pk === null) return null;
  const got: number[] = [];
  if (pk.files) {
    for (const f of pk.files) {
      if (withFds && p.alive) got.push(fdAlloc(p, f));
      if (--f.refs === 0) f.release();
    }
    pk.files = null;
  }
  return withFds ? { msg: pk.data, fds: got } : pk.data;
}

const enc = new TextEncoder();

export function sendto(k: Kernel, p: Proc, fd: number, data: Uint8Array | string, addr?: SockAddr): number | Promise<number> {
  const s = anySock(p, fd);
  const bytes = typeof data === 'string' ? enc.encode(data) : data;
  if (!(s instanceof InetSocket)) {
    if (s instanceof UnixSocket) { const r = sendmsg(k, p, fd, bytes); return r instanceof Promise ? r : bytes.length; }
    throw new SysError(EOPNOTSUPP);
  }
  if (s.proto === 'tcp') {
    if (addr && s.state !== 'ESTABLISHED' && s.state !== 'CLOSE_WAIT') throw new SysError(ENOTCONN);
    try { return s.write(bytes); } catch (e) {
      if (isSysError(e, EPIPE)) { sendSignal(k, p, p, SIGPIPE); if (!p.alive) return never(); }
      throw e;
    }
  }
  const to = addr ? inet(addr) : null;
  if (to && s.proto === 'udp' && !s.broadcast && to.addr === 0xffffffff) throw new SysError(EACCES);
  return s.sendDatagram(bytes, to);
}

export function recvfrom(p: Proc, fd: number, n: number): { data: Uint8Array; addr: SockAddr; ttl?: number } | Promise<{ data: Uint8Array; addr: SockAddr; ttl?: number }> {
  const s = anySock(p, fd);
  if (!(s instanceof InetSocket)) {
    if (s instanceof UnixSocket) return promisedBytes(s.read(n)).then((data) => ({ data, addr: { path: s.peer?.path ?? '' } }));
    throw new SysError(EOPNOTSUPP);
  }
  if (s.proto === 'tcp') {
    const from = { addr: fmtIp(s.raddr), port: s.rport };
    return promisedBytes(s.read(n)).then((data) => ({ data, addr: from }));
  }
  return s.recvDatagram().then((d) => ({
    data: d.data.length > n ? d.data.subarray(0, n) : d.data, addr: { addr: fmtIp(d.addr), port: d.port }, ttl: d.ttl,
  }));
}

export function getsockname(p: Proc, fd: number): SockAddr {
  const s = anySock(p, fd);
  if (s instanceof InetSocket) return { addr: fmtIp(s.laddr), port: s.lport };
  if (s instanceof PacketSocket) return { path: s.dev ?? '' };
  return { path: s.path };
}

export function getpeername(p: Proc, fd: number): SockAddr {
  const s = anySock(p, fd);
  if (s instanceof InetSocket) {
    if (s.state !== 'ESTABLISHED' && s.state !== 'CLOSE_WAIT' && s.state !== 'FIN_WAIT1' && s.state !== 'FIN_WAIT2') throw new SysError(ENOTCONN);
    return { addr: fmtIp(s.raddr), port: s.rport };
  }
  if (s instanceof PacketSocket) throw new SysError(ENOTCONN);
  const peer = s.peer;
  if (!peer) throw new SysError(ENOTCONN);
  return { path: peer.path };
}

export function setsockopt(p: Proc, fd: number, level: number, name: number, value: number): void {
  const s = anySock(p, fd);
  if (level === SOL_SOCKET && name === SO_RCVTIMEO && s instanceof InetSocket) { s.rcvtimeo = value; return; }
  if (!(s instanceof InetSocket)) {
    if (level === SOL_SOCKET) return;
    throw new SysError(ENOPROTOOPT);
  }
  if (level === SOL_SOCKET) {
    switch (name) {
      case SO_REUSEADDR: case SO_REUSEPORT: s.reuseaddr = value !== 0; return;
      case SO_BROADCAST: s.broadcast = value !== 0; return;
      case SO_KEEPALIVE: return;
      default: throw new SysError(ENOPROTOOPT);
    }
  }
  if (level === IPPROTO_IP && name === IP_TTL) { if (value < 1 || value > 255) throw new SysError(EINVAL); s.ttl = value; return; }
  if (level === IPPROTO_TCP && name === TCP_NODELAY && s.proto === 'tcp') return;
  throw new SysError(ENOPROTOOPT);
}

export function getsockopt(p: Proc, fd: number, level: number, name: number): number {
  const s = anySock(p, fd);
  if (level === SOL_SOCKET) {
    switch (name) {
      case SO_TYPE: return s instanceof InetSocket ? (s.proto === 'tcp' ? SOCK_STREAM : s.raw ? SOCK_RAW : SOCK_DGRAM) : s instanceof PacketSocket ? SOCK_RAW : s.type;
      case SO_ERROR: { if (!(s instanceof InetSocket)) return 0; const e = s.err; s.err = 0; return e; }
      case SO_REUSEADDR: case SO_REUSEPORT: return s instanceof InetSocket && s.reuseaddr ? 1 : 0;
      case SO_BROADCAST: return s instanceof InetSocket && s.broadcast ? 1 : 0;
      case SO_RCVTIMEO: return s instanceof InetSocket ? s.rcvtimeo : 0;
      default: throw new SysError(ENOPROTOOPT);
    }
  }
  if (s instanceof InetSocket && level === IPPROTO_IP && name === IP_TTL) return s.ttl;
  throw new SysError(ENOPROTOOPT);
}
