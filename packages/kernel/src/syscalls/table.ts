// The system-call table: one Sys object per program image, each call listed
// once and delegated to the small functions of its area (process.ts,
// signal.ts, fs.ts, ns.ts, tty.ts, socket.ts). Every entry checks that the
// image is still alive (a dead image's blocking calls never settle, its other
// calls unwind), sets `current`, and delivers pending signals first, as the
// return to user space does in Linux.

import type { CloneOptions, Dirent, Lazy, SigAction, SockAddr, Stat, Sys, Termios, Utsname, WaitResult, Winsize } from '../sys.ts';
import type { Kernel } from '../kernel.ts';
import type { Proc } from '../process/proc.ts';
import { never, setCurrent } from '../sched/wait.ts';
import { deliverPending } from '../process/signal.ts';
import { UNWIND } from '../process/exit.ts';
import * as P from './process.ts';
import * as S from './signal.ts';
import * as F from './fs.ts';
import * as N from './ns.ts';
import * as T from './tty.ts';
import * as K from './socket.ts';
import { netlink } from '../net/netlink.ts';
import type { NetlinkOp, NetlinkOps } from '../net/api.ts';

export class SysImpl implements Sys {
  /** Set when the image is replaced (execve) or the process died. */
  dead = false;
  constructor(readonly k: Kernel, readonly p: Proc) {}

  /** Entry of a synchronous call. */
  private e(): Proc {
    if (this.dead) throw UNWIND;
    const p = this.p;
    setCurrent(p);
    if (p.sigpend !== 0) {
      deliverPending(this.k, p);
      if (this.dead) throw UNWIND;
    }
    return p;
  }

  /** Entry of a blocking call: null when the image is dead (the call never settles). */
  private a(): Proc | null {
    if (this.dead) return null;
    const p = this.p;
    setCurrent(p);
    if (p.sigpend !== 0) {
      deliverPending(this.k, p);
      if (this.dead) return null;
    }
    return p;
  }

  // --- identity and credentials ---
  getpid(): number { return P.getpid(this.e()); }
  getppid(): number { return P.getppid(this.e()); }
  getpgid(pid?: number): number { return P.getpgid(this.k, this.e(), pid ?? 0); }
  setpgid(pid: number, pgid: number): void { P.setpgid(this.k, this.e(), pid, pgid); }
  setsid(): number { return P.setsid(this.k, this.e()); }
  getsid(pid?: number): number { return P.getsid(this.k, this.e(), pid ?? 0); }
  getuid(): number { return this.e().uid; }
  geteuid(): number { return this.e().euid; }
  getgid(): number { return this.e().gid; }
  getegid(): number { return this.e().egid; }
  getgroups(): number[] { return this.e().groups.slice(); }
  setuid(uid: number): void { P.setuid(this.e(), uid); }
  setgid(gid: number): void { P.setgid(this.e(), gid); }
  setgroups(groups: number[]): void { P.setgroups(this.e(), groups); }
  umask(mask?: number): number { return P.umask(this.e(), mask); }
  gethostname(): string { return this.e().ns.uts.hostname; }
  sethostname(name: string): void { P.sethostname(this.k, this.e(), name); }
  uname(): Utsname { return P.uname(this.k, this.e()); }
  prctl(option: number, arg?: number | string): number { return P.prctl(this.e(), option, arg); }
  traceMarker(layer: string, what: string, data?: Record<string, unknown>): void { const p = this.e(); if (this.k.trace) this.k.emit(p.pid, 'marker', { layer, what, ...data }); }

  // --- files ---
  open(path: string, flags: number, mode?: number): number { return F.open(this.k, this.e(), path, flags, mode ?? 0o666); }
  close(fd: number): void { F.close(this.e(), fd); }
  read(fd: number, n?: number): Promise<Uint8Array> {
    const p = this.a();
    if (!p) return never();
    try { return promised(F.read(this.k, p, fd, n ?? 65536)); } catch (e) { return Promise.reject(e); }
  }
  write(fd: number, data: Uint8Array | string): Promise<number> {
    const p = this.a();
    if (!p) return never();
    try { return promised(F.write(this.k, p, fd, data)); } catch (e) { return Promise.reject(e); }
  }
  lseek(fd: number, offset: number, whence: number): number { return F.lseek(this.e(), fd, offset, whence); }
  fstat(fd: number): Stat { return F.fstat(this.e(), fd); }
  stat(path: string): Stat { return this.k.vfs.stat(this.e().fs, path); }
  lstat(path: string): Stat { return this.k.vfs.lstat(this.e().fs, path); }
  access(path: string, mode: number): void { F.access(this.k, this.e(), path, mode); }
  readdir(path: string): Dirent[] { return this.k.vfs.readdir(this.e().fs, path); }
  mkdir(path: string, mode?: number): void { this.k.vfs.mkdir(this.e().fs, path, mode ?? 0o777); }
  rmdir(path: string): void { this.k.vfs.rmdir(this.e().fs, path); }
  unlink(path: string): void { this.k.vfs.unlink(this.e().fs, path); }
  rename(from: string, to: string): void { this.k.vfs.rename(this.e().fs, from, to); }
  link(existing: string, newPath: string): void { this.k.vfs.link(this.e().fs, existing, newPath); }
  symlink(target: string, linkPath: string): void { this.k.vfs.symlink(this.e().fs, target, linkPath); }
  readlink(path: string): string { return this.k.vfs.readlink(this.e().fs, path); }
  chmod(path: string, mode: number): void { this.k.vfs.chmod(this.e().fs, path, mode); }
  fchmod(fd: number, mode: number): void { F.fchmod(this.k, this.e(), fd, mode); }
  chown(path: string, uid: number, gid: number): void { this.k.vfs.chown(this.e().fs, path, uid, gid); }
  lchown(path: string, uid: number, gid: number): void { this.k.vfs.lchown(this.e().fs, path, uid, gid); }
  truncate(path: string, length: number): void { this.k.vfs.truncate(this.e().fs, path, length); }
  ftruncate(fd: number, length: number): void { F.ftruncate(this.k, this.e(), fd, length); }
  utimes(path: string, atimeMs: number, mtimeMs: number): void { this.k.vfs.utimes(this.e().fs, path, atimeMs, mtimeMs); }
  mknod(path: string, mode: number, dev?: number): void { F.mknod(this.k, this.e(), path, mode, dev ?? 0); }
  getcwd(): string { return this.k.vfs.getcwd(this.e().fs); }
  chdir(path: string): void { F.chdir(this.k, this.e(), path); }
  fchdir(fd: number): void { F.fchdir(this.k, this.e(), fd); }
  chroot(path: string): void { F.chroot(this.k, this.e(), path); }
  dup(fd: number): number { return F.dup(this.e(), fd); }
  dup2(fd: number, newfd: number): number { return F.dup2(this.e(), fd, newfd); }
  pipe(): [number, number] { return F.pipe(this.k, this.e()); }
  setCloexec(fd: number, on: boolean): void { F.setCloexec(this.e(), fd, on); }
  setNonblock(fd: number, on: boolean): void { F.setNonblock(this.e(), fd, on); }
  fds(): number[] { return F.fds(this.e()); }

  // --- terminals ---
  isatty(fd: number): boolean { return T.isatty(this.e(), fd); }
  ttyname(fd: number): string { return T.ttyname(this.e(), fd); }
  openpty(): { master: number; slave: number; name: string } { return T.openpty(this.k, this.e()); }
  tcgetattr(fd: number): Termios { return T.tcgetattr(this.e(), fd); }
  tcsetattr(fd: number, t: Termios): void { T.tcsetattr(this.e(), fd, t); }
  tcgetpgrp(fd: number): number { return T.tcgetpgrp(this.e(), fd); }
  tcsetpgrp(fd: number, pgrp: number): void { T.tcsetpgrp(this.e(), fd, pgrp); }
  getwinsize(fd: number): Winsize { return T.getwinsize(this.e(), fd); }
  setwinsize(fd: number, ws: Winsize): void { T.setwinsize(this.e(), fd, ws); }
  setctty(fd: number): void { T.setctty(this.e(), fd); }

  // --- mounts and namespaces ---
  mount(source: string, target: string, fstype: string, flags: number, data?: string): void {
    N.mount(this.k, this.e(), source, target, fstype, flags, data ?? '');
  }
  umount(target: string, flags?: number): void { N.umount(this.k, this.e(), target, flags ?? 0); }
  pivot_root(newRoot: string, putOld: string): void { N.pivotRoot(this.k, this.e(), newRoot, putOld); }
  unshare(flags: number): void { N.unshare(this.k, this.e(), flags); }
  setns(fd: number, nstype: number): void { N.setns(this.k, this.e(), fd, nstype); }

  // --- processes ---
  clone(opts: CloneOptions): number { return P.clone(this.k, this.e(), opts); }
  execve(path: string, argv: string[], env: string[]): Promise<never> {
    const p = this.a();
    if (!p) return never();
    try { return promised(P.execve(this.k, p, path, argv, env)); } catch (e) { return Promise.reject(e); }
  }
  exit(code: number): never { return P.exit(this.k, this.e(), code); }
  wait4(pid: number, options?: number): Promise<WaitResult | null> {
    const p = this.a();
    if (!p) return never();
    try { return promised(P.wait4(this.k, p, pid, options ?? 0)); } catch (e) { return Promise.reject(e); }
  }
  kill(pid: number, sig: number): void { S.kill(this.k, this.e(), pid, sig); }
  sigaction(sig: number, action: SigAction, flags?: number): SigAction { return S.sigaction(this.e(), sig, action, flags ?? 0); }
  pause(): Promise<never> {
    const p = this.a();
    if (!p) return never();
    return S.pause(p);
  }
  sched_yield(): Promise<void> {
    const p = this.a();
    if (!p) return never();
    return P.schedYield(this.k, p);
  }
  memory(deltaBytes: number): void { P.memory(this.k, this.e(), deltaBytes); }

  // --- time ---
  now(): number { this.e(); return this.k.clock.realtime(); }
  uptime(): number { this.e(); return this.k.clock.now; }
  sleep(ms: number): Promise<void> {
    const p = this.a();
    if (!p) return never();
    return P.sleep(this.k, p, ms);
  }
  getrandom(n: number): Uint8Array { this.e(); return this.k.rng.bytes(n); }

  // --- code ---
  dlopen<T>(lib: Lazy<T>): Promise<T> {
    const p = this.a();
    if (!p) return never();
    const code = lib.loaded();
    return code ? Promise.resolve(code.value) : this.k.pager.pageIn(p, lib);
  }

  // --- sockets ---
  socket(domain: number, type: number, protocol?: number): number { return K.socket(this.k, this.e(), domain, type, protocol ?? 0); }
  socketpair(domain: number, type: number): [number, number] { return K.socketpair(this.k, this.e(), domain, type); }
  bind(fd: number, addr: SockAddr): void { K.bind(this.e(), fd, addr); }
  listen(fd: number, backlog?: number): void { K.listen(this.e(), fd, backlog ?? 128); }
  accept(fd: number): Promise<number> {
    const p = this.a();
    if (!p) return never();
    try { return promised(K.accept(p, fd)); } catch (e) { return Promise.reject(e); }
  }
  connect(fd: number, addr: SockAddr): Promise<void> {
    const p = this.a();
    if (!p) return never();
    try { return promised(K.connect(p, fd, addr)); } catch (e) { return Promise.reject(e); }
  }
  shutdown(fd: number, how: number): void { K.shutdown(this.e(), fd, how); }
  sendmsg(fd: number, msg: unknown, fds?: number[]): Promise<void> {
    const p = this.a();
    if (!p) return never();
    try { return promised(K.sendmsg(this.k, p, fd, msg, fds)); } catch (e) { return Promise.reject(e); }
  }
  recvmsg(fd: number, opts?: { fds?: boolean }): Promise<unknown | null> {
    const p = this.a();
    if (!p) return never();
    try { return promised(K.recvmsg(p, fd, opts?.fds ?? false)); } catch (e) { return Promise.reject(e); }
  }
  sendto(fd: number, data: Uint8Array | string, addr?: SockAddr): Promise<number> {
    const p = this.a();
    if (!p) return never();
    try { return promised(K.sendto(this.k, p, fd, data, addr)); } catch (e) { return Promise.reject(e); }
  }
  recvfrom(fd: number, n?: number): Promise<{ data: Uint8Array; addr: SockAddr; ttl?: number }> {
    const p = this.a();
    if (!p) return never();
    try { return promised(K.recvfrom(p, fd, n ?? 65536)); } catch (e) { return Promise.reject(e); }
  }
  getsockname(fd: number): SockAddr { return K.getsockname(this.e(), fd); }
  getpeername(fd: number): SockAddr { return K.getpeername(this.e(), fd); }
  setsockopt(fd: number, level: number, name: number, value: number): void { K.setsockopt(this.e(), fd, level, name, value); }
  getsockopt(fd: number, level: number, name: number): number { return K.getsockopt(this.e(), fd, level, name); }
  netlink<K extends NetlinkOp>(op: K, args: NetlinkOps[K][0]): NetlinkOps[K][1] { return netlink(this.k, this.e(), op, args); }
}

/** A call's result (a value or a promise) as a promise. */
function promised<T>(r: T | Promise<T>): Promise<T> {
  return r instanceof Promise ? r : Promise.resolve(r);
}
