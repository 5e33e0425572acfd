// AF_UNIX sockets (Linux's net/unix/af_unix.c). SOCK_STREAM carries bytes;
// SOCK_SEQPACKET carries whole messages, which here may be any JS value
// (sendmsg/recvmsg): that is how the daemons' RPC travels cheaply. A message
// is handed over by reference, so a sender must not change it afterwards.
// bind() creates an S_IFSOCK node; connect() finds the listener through the
// node it resolves to, so bind mounts of a socket reach the same listener.
// Messages may carry open files (SCM_RIGHTS), installed as new fds on receipt.

import { EAGAIN, ECONNREFUSED, EINVAL, EISCONN, ENOTCONN, EOPNOTSUPP, EPIPE, ESPIPE, EADDRINUSE, EEXIST,
  EADDRNOTAVAIL, ENETUNREACH,
  SysError, isSysError } from '../abi/errno.ts';
import { AF_INET, AF_UNIX, O_NONBLOCK, O_RDWR, S_IFMT, S_IFSOCK, SHUT_RD, SHUT_RDWR, SHUT_WR, SOCK_SEQPACKET, SOCK_STREAM } from '../abi/flags.ts';
import type { NetNs } from '../ns/namespaces.ts';
import type { Stat } from '../sys.ts';
import type { FileKind, OpenFile } from '../vfs/file.ts';
import type { FsContext } from '../vfs/node.ts';
import type { Kernel } from '../kernel.ts';
import { WaitQueue, current, sleepOn } from '../sched/wait.ts';

const EMPTY = new Uint8Array(0);

interface Packet { data: unknown; files: OpenFile[] | null }

export class UnixSocket implements OpenFile {
  readonly kind: FileKind = 'socket';
  refs = 0;
  flags = O_RDWR;
  state: 'unbound' | 'bound' | 'listening' | 'connected' | 'closed' = 'unbound';
  peer: UnixSocket | null = null;
  /** The bound path and the key of its node. */
  path = '';
  private _key = '';
  private _rx: Packet[] = [];
  private _rxOff = 0;
  /** The peer will send no more (closed or SHUT_WR): reads see EOF after the data. */
  rxEof = false;
  /** This side may not write (SHUT_WR, or the peer is gone). */
  txShut = false;
  peerGone = false;
  readonly rq = new WaitQueue();
  private _backlog: UnixSocket[] | null = null;
  /** The network namespace it was made in (what /proc/net/unix lists). */
  netns: NetNs | null = null;

  constructor(readonly k: Kernel, readonly type: number, readonly ino: number, readonly family = AF_UNIX) {}

  get seqpacket(): boolean { return this.type !== SOCK_STREAM; }

  // --- connection setup ---

  bind(ctx: FsContext, path: string): void {
    if (this.state !== 'unbound' || this.path) throw new SysError(EINVAL);
    let node;
    try {
      node = this.k.vfs.mknod(ctx, path, S_IFSOCK | (0o777 & ~ctx.umask));
    } catch (e) {
      if (isSysError(e, EEXIST)) throw new SysError(EADDRINUSE);
      throw e;
    }
    this.path = path;
    this._key = `${node.sb.dev}:${node.ino}`;
    this.k.unixBound.set(this._key, this);
    this.state = 'bound';
  }

  listen(_net?: NetNs): void {
    if (this.state === 'connected') throw new SysError(EINVAL);
    if (this.state !== 'bound' && this.state !== 'listening') throw new SysError(EINVAL);
    this.state = 'listening';
    this._backlog ??= [];
  }

  connect(ctx: FsContext, path: string): void {
    if (this.state === 'connected') throw new SysError(EISCONN);
    if (this.state === 'listening') throw new SysError(EINVAL);
    const loc = this.k.vfs.resolve(ctx, path);
    if ((loc.node.mode & S_IFMT) !== S_IFSOCK) throw new SysError(ECONNREFUSED);
    const l = this.k.unixBound.get(`${loc.node.sb.dev}:${loc.node.ino}`);
    if (!l || l.state !== 'listening') throw new SysError(ECONNREFUSED);
    if (l.type !== this.type) throw new SysError(91 /* EPROTOTYPE */);
    const server = new UnixSocket(this.k, this.type, this.k.newPipeIno());
    server.path = l.path;
    pair(this, server);
    l._backlog!.push(server);
    l.rq.wakeAll();
  }

  async accept(nonblock: boolean): Promise<UnixSocket> {
    if (this.state !== 'listening') throw new SysError(EINVAL);
    const me = current();
    for (;;) {
      const s = this._backlog!.shift();
      if (s) return s;
      if (nonblock) throw new SysError(EAGAIN);
      await sleepOn(me, this.rq);
      if (this.state !== 'listening') throw new SysError(EINVAL);
    }
  }

  acceptNow(): UnixSocket | undefined { return this._backlog?.shift(); }

  // --- data ---

  private _send(pk: Packet): void {
    if (this.state !== 'connected') throw new SysError(ENOTCONN);
    if (this.txShut || this.peerGone || !this.peer) throw new SysError(EPIPE);
    const p = this.peer;
    p._rx.push(pk);
    p.rq.wakeAll();
  }

  sendmsg(msg: unknown, files: OpenFile[] | null): void {
    if (!this.seqpacket && !(msg instanceof Uint8Array)) throw new SysError(EOPNOTSUPP);
    if (files) for (const f of files) f.refs++;
    this._send({ data: msg, files });
  }

  /** Next packet, null at EOF, undefined when it must wait. */
  takePacket(): Packet | null | undefined {
    if (this._rx.length) return this._rx.shift()!;
    if (this.rxEof) return null;
    if (this.state !== 'connected') throw new SysError(ENOTCONN);
    return undefined;
  }

  async recvPacket(nonblock: boolean): Promise<Packet | null> {
    const me = current();
    for (;;) {
      const p = this.takePacket();
      if (p !== undefined) return p;
      if (nonblock || (this.flags & O_NONBLOCK)) throw new SysError(EAGAIN);
      await sleepOn(me, this.rq);
    }
  }

  read(n: number): Uint8Array | Promise<Uint8Array> {
    const r = this._readNow(n);
    if (r) return r;
    if (this.flags & O_NONBLOCK) throw new SysError(EAGAIN);
    return this._readSlow(n);
  }

  private _readNow(n: number): Uint8Array | null {
    if (this.state !== 'connected') throw new SysError(ENOTCONN);
    const rx = this._rx;
    if (rx.length === 0) return this.rxEof ? EMPTY : null;
    if (this.seqpacket) {
      const pk = rx.shift()!;
      dropFiles(pk);
      const d = pk.data;
      const b = d instanceof Uint8Array ? d : new TextEncoder().encode(JSON.stringify(d));
      return b.length > n ? b.subarray(0, n) : b;
    }
    const first = rx[0]!.data as Uint8Array;
    dropFiles(rx[0]!);
    rx[0]!.files = null;
    const avail = first.length - this._rxOff;
    if (avail <= n) {
      rx.shift();
      const out = this._rxOff ? first.subarray(this._rxOff) : first;
      this._rxOff = 0;
      return out;
    }
    const out = first.subarray(this._rxOff, this._rxOff + n);
    this._rxOff += n;
    return out;
  }

  private async _readSlow(n: number): Promise<Uint8Array> {
    const me = current();
    for (;;) {
      await sleepOn(me, this.rq);
      const r = this._readNow(n);
      if (r) return r;
    }
  }

  write(data: Uint8Array): number {
    this._send({ data: data.slice(), files: null });
    return data.length;
  }

  shutdown(how: number): void {
    if (this.state !== 'connected') throw new SysError(ENOTCONN);
    if (how === SHUT_RD || how === SHUT_RDWR) { this.rxEof = true; this.rq.wakeAll(); }
    if (how === SHUT_WR || how === SHUT_RDWR) {
      this.txShut = true;
      const p = this.peer;
      if (p) { p.rxEof = true; p.rq.wakeAll(); }
    }
  }

  stat(): Stat {
    return { dev: 0x8, ino: this.ino, mode: S_IFSOCK | 0o777, nlink: 1, uid: 0, gid: 0, rdev: 0, size: 0,
      blocks: 0, atimeMs: 0, mtimeMs: 0, ctimeMs: 0 };
  }

  seek(): number { throw new SysError(ESPIPE); }

  release(): void {
    if (this._key && this.k.unixBound.get(this._key) === this) this.k.unixBound.delete(this._key);
    if (this._backlog) {
      for (const s of this._backlog) s.release();
      this._backlog = null;
    }
    const p = this.peer;
    if (p) {
      p.rxEof = true;
      p.peerGone = true;
      p.peer = null;
      p.rq.wakeAll();
    }
    for (const pk of this._rx) dropFiles(pk);
    this._rx = [];
    this.peer = null;
    this.state = 'closed';
    this.rq.wakeAll();
  }
}

function dropFiles(pk: Packet): void {
  if (pk.files) for (const f of pk.files) if (--f.refs === 0) f.release();
  pk.files = null;
}

export function pair(a: UnixSocket, b: UnixSocket): void {
  a.peer = b; b.peer = a;
  a.state = 'connected'; b.state = 'connected';
}

export function isSeqpacket(type: number): boolean { return type === SOCK_SEQPACKET; }
