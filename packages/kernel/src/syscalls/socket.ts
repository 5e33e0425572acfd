// Socket system calls: AF_UNIX (SOCK_STREAM, SOCK_SEQPACKET) and AF_INET
// SOCK_STREAM within one network namespace (loopback and its own addresses;
// no routing between namespaces yet).

import { EACCES, EAFNOSUPPORT, EBADF, EINVAL, ENOPROTOOPT, ENOTCONN, ENOTSOCK, EOPNOTSUPP, EPERM, EPIPE, EPROTOTYPE, SysError, isSysError } from '../abi/errno.ts';
import { AF_INET, AF_UNIX, O_NONBLOCK, SOCK_DGRAM, SOCK_SEQPACKET, SOCK_STREAM } from '../abi/flags.ts';
import { SIGPIPE } from '../abi/signal.ts';
import type { SockAddr } from '../sys.ts';
import type { Kernel } from '../kernel.ts';
import type { Proc } from '../process/proc.ts';
import type { OpenFile } from '../vfs/file.ts';
import { UnixSocket, pair } from '../net/unix.ts';
import { fdAlloc, getFile } from '../process/fdtable.ts';
import { sendSignal } from '../process/signal.ts';
import { never } from '../sched/wait.ts';

const SOCK_CLOEXEC = 0o2000000, SOCK_NONBLOCK = 0o4000;

function sock(p: Proc, fd: number): UnixSocket {
  const f = getFile(p, fd);
  if (!(f instanceof UnixSocket)) throw new SysError(ENOTSOCK);
  return f;
}

function make(k: Kernel, domain: number, type: number): UnixSocket {
  const t = type & ~(SOCK_CLOEXEC | SOCK_NONBLOCK);
  if (domain === AF_INET) {
    if (t !== SOCK_STREAM) throw new SysError(EPROTOTYPE);
  } else if (domain !== AF_UNIX) {
    throw new SysError(EAFNOSUPPORT);
  } else if (t !== SOCK_STREAM && t !== SOCK_SEQPACKET && t !== SOCK_DGRAM) throw new SysError(EPROTOTYPE);
  const s = new UnixSocket(k, t, k.newPipeIno(), domain);
  if (type & SOCK_NONBLOCK) s.flags |= O_NONBLOCK;
  return s;
}

export function socket(k: Kernel, p: Proc, domain: number, type: number, _protocol = 0): number {
  return fdAlloc(p, make(k, domain, type), (type & SOCK_CLOEXEC) !== 0);
}

export function socketpair(k: Kernel, p: Proc, domain: number, type: number): [number, number] {
  const a = make(k, domain, type), b = make(k, domain, type);
  pair(a, b);
  const cx = (type & SOCK_CLOEXEC) !== 0;
  return [fdAlloc(p, a, cx), fdAlloc(p, b, cx)];
}

function path(addr: SockAddr): string {
  if (!('path' in addr)) throw new SysError(EINVAL);
  if (!addr.path) throw new SysError(EINVAL);
  return addr.path;
}

function inet(addr: SockAddr): { addr: string; port: number } {
  if (!('addr' in addr) || !/^\d+\.\d+\.\d+\.\d+$/.test(addr.addr) || !(addr.port >= 0 && addr.port < 65536)) {
    throw new SysError(EINVAL);
  }
  return addr;
}

export function bind(p: Proc, fd: number, addr: SockAddr): void {
  const s = sock(p, fd);
  if (s.family === AF_INET) {
    const a = inet(addr);
    if (a.port > 0 && a.port < 1024 && p.euid !== 0) throw new SysError(EACCES);
    s.bindInet(p.ns.net, a.addr, a.port);
  } else s.bind(p.fs, path(addr));
}

export function listen(p: Proc, fd: number, _backlog: number): void { sock(p, fd).listen(p.ns.net); }

export function accept(p: Proc, fd: number): number | Promise<number> {
  const s = sock(p, fd);
  const c = s.acceptNow();
  if (c) return fdAlloc(p, c);
  return s.accept((s.flags & O_NONBLOCK) !== 0).then((c2) => fdAlloc(p, c2));
}

export function connect(p: Proc, fd: number, addr: SockAddr): void {
  const s = sock(p, fd);
  if (s.family === AF_INET) { const a = inet(addr); s.connectInet(p.ns.net, a.addr, a.port); }
  else s.connect(p.fs, path(addr));
}

export function shutdown(p: Proc, fd: number, how: number): void { sock(p, fd).shutdown(how); }

export function sendmsg(k: Kernel, p: Proc, fd: number, msg: unknown, fds?: number[]): void | Promise<never> {
  const s = sock(p, fd);
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
  const s = sock(p, fd);
  const pk = s.takePacket();
  if (pk === undefined) return s.recvPacket(false).then((q) => unpack(p, q, withFds));
  return unpack(p, pk, withFds);
}

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

void EBADF; void EPERM;

export function sendto(k: Kernel, p: Proc, fd: number, data: Uint8Array | string, addr?: SockAddr): number | Promise<number> {
  void k; void p; void fd; void data; void addr;
  throw new SysError(EOPNOTSUPP);
}

export function recvfrom(p: Proc, fd: number, n: number): { data: Uint8Array; addr: SockAddr; ttl?: number } | Promise<{ data: Uint8Array; addr: SockAddr; ttl?: number }> {
  void p; void fd; void n;
  throw new SysError(EOPNOTSUPP);
}

export function getsockname(p: Proc, fd: number): SockAddr {
  const s = sock(p, fd);
  if (s.family === AF_INET) return s.inet ? { addr: s.inet.addr, port: s.inet.port } : { addr: '0.0.0.0', port: 0 };
  return { path: s.path };
}

export function getpeername(p: Proc, fd: number): SockAddr {
  const s = sock(p, fd);
  const peer = s.peer;
  if (!peer) throw new SysError(ENOTCONN);
  if (s.family === AF_INET) return peer.inet ? { addr: peer.inet.addr, port: peer.inet.port } : { addr: '0.0.0.0', port: 0 };
  return { path: peer.path };
}

export function setsockopt(p: Proc, fd: number, level: number, name: number, value: number): void {
  sock(p, fd); void level; void name; void value;
}

export function getsockopt(p: Proc, fd: number, level: number, name: number): number {
  sock(p, fd); void level; void name;
  throw new SysError(ENOPROTOOPT);
}
