// The system-call interface: the only way a program reaches the world.
//
// Calls that can block (read, write, wait4, accept, connect, nanosleep, ...)
// return promises that the kernel resolves when their event happens in virtual
// time; the rest are synchronous. Every call fails by throwing SysError(errno).
// A blocking call interrupted by a caught signal rejects with EINTR after the
// handler ran. A process that is killed never sees its pending call settle.
//
// exit(2), and any call made by a process that is already dead, unwinds the
// program by throwing an internal object (ExitUnwind): programs must rethrow
// whatever is not a SysError (`catch (e) { if (!isSysError(e)) throw e; ... }`).
// A program that returns n exits with status n & 255; one that lets an
// exception escape (a SysError it did not handle, or a bug) exits with status
// 1 and the kernel reports it to its onCrash hook and trace ("crash").
// Each program image has its own Sys object: call its methods on it
// (`sys.read(...)`), do not detach them.

import type { NetlinkOp, NetlinkOps } from './net/api.ts';

export interface Stat {
  dev: number; ino: number; mode: number; nlink: number; uid: number; gid: number;
  rdev: number; size: number; blocks: number;
  atimeMs: number; mtimeMs: number; ctimeMs: number;
}

export type DirentType = 'file' | 'dir' | 'symlink' | 'chr' | 'blk' | 'fifo' | 'sock';
export interface Dirent { name: string; ino: number; type: DirentType }

/**
 * How a child ended (WIFEXITED → code, WIFSIGNALED → signal), or stopped/continued.
 * `stopped` (WIFSTOPPED, the stop signal) and `continued` (WIFCONTINUED) are
 * only reported to wait4 with WUNTRACED/WCONTINUED: job control needs them.
 */
export interface ExitStatus { code: number | null; signal: number | null; core?: boolean; stopped?: number; continued?: boolean }
export interface WaitResult { pid: number; status: ExitStatus }

export interface Utsname { sysname: string; nodename: string; release: string; version: string; machine: string }

export interface Termios {
  iflag: number; oflag: number; lflag: number;
  /** control characters: VINTR (^C), VQUIT, VERASE, VKILL, VEOF (^D), VSUSP */
  cc: { intr: number; quit: number; erase: number; kill: number; eof: number; susp: number };
}
export interface Winsize { rows: number; cols: number }

export type SockAddr = { path: string } | { addr: string; port: number };

export type SigAction = 'default' | 'ignore' | ((sig: number) => void);

export interface CloneOptions {
  /** CLONE_NEW* flags: the child gets these new namespaces. */
  flags?: number;
  /** The child's body, run in the new process with its own Sys. Its return is its exit code. */
  child: (sys: Sys) => Promise<number> | number;
  /** Name shown in /proc/PID/comm until the child execs (defaults to the parent's). */
  comm?: string;
}

export interface Sys {
  // --- identity and credentials ---
  getpid(): number;            // in the caller's pid namespace
  getppid(): number;           // 0 when the parent is outside the caller's pid namespace
  getpgid(pid?: number): number;
  setpgid(pid: number, pgid: number): void;
  setsid(): number;
  getsid(pid?: number): number;
  getuid(): number; geteuid(): number; getgid(): number; getegid(): number;
  getgroups(): number[];
  setuid(uid: number): void; setgid(gid: number): void; setgroups(groups: number[]): void;
  umask(mask?: number): number;          // without an argument: read only
  gethostname(): string;
  sethostname(name: string): void;
  uname(): Utsname;
  prctl(option: number, arg?: number | string): number;
  /**
   * A user-space tracepoint (what a write to tracefs' trace_marker is on
   * Linux): the daemons mark their hops (an HTTP request, an RPC) so a trace
   * shows them beside the kernel's own events. A no-op when nobody traces.
   */
  traceMarker(layer: string, what: string, data?: Record<string, unknown>): void;

  // --- files ---
  open(path: string, flags: number, mode?: number): number;
  close(fd: number): void;
  /** Reads up to n bytes (default 64 KiB); an empty array is EOF. Blocks on pipes, ttys, sockets. */
  read(fd: number, n?: number): Promise<Uint8Array>;
  /** Writes all of data (a string is UTF-8). Blocks while a pipe is full; EPIPE + SIGPIPE when no reader. */
  write(fd: number, data: Uint8Array | string): Promise<number>;
  lseek(fd: number, offset: number, whence: number): number;
  fstat(fd: number): Stat;
  stat(path: string): Stat;
  lstat(path: string): Stat;
  access(path: string, mode: number): void;
  readdir(path: string): Dirent[];       // without "." and ".."
  mkdir(path: string, mode?: number): void;
  rmdir(path: string): void;
  unlink(path: string): void;
  rename(from: string, to: string): void;
  link(existing: string, newPath: string): void;
  symlink(target: string, linkPath: string): void;
  readlink(path: string): string;
  chmod(path: string, mode: number): void;
  fchmod(fd: number, mode: number): void;
  chown(path: string, uid: number, gid: number): void;   // -1 leaves a field as it is
  lchown(path: string, uid: number, gid: number): void;
  truncate(path: string, length: number): void;
  ftruncate(fd: number, length: number): void;
  utimes(path: string, atimeMs: number, mtimeMs: number): void;
  mknod(path: string, mode: number, dev?: number): void; // S_IFIFO for named pipes
  getcwd(): string;
  chdir(path: string): void;
  fchdir(fd: number): void;
  chroot(path: string): void;
  dup(fd: number): number;
  dup2(fd: number, newfd: number): number;
  pipe(): [number, number];
  setCloexec(fd: number, on: boolean): void;  // fcntl(F_SETFD, FD_CLOEXEC)
  setNonblock(fd: number, on: boolean): void; // fcntl(F_SETFL, O_NONBLOCK): reads throw EAGAIN
  /** Open descriptors of this process, ascending. */
  fds(): number[];

  // --- terminals ---
  isatty(fd: number): boolean;
  ttyname(fd: number): string;           // "/dev/pts/0"; ENOTTY
  openpty(): { master: number; slave: number; name: string };
  tcgetattr(fd: number): Termios;
  tcsetattr(fd: number, t: Termios): void;
  tcgetpgrp(fd: number): number;
  tcsetpgrp(fd: number, pgrp: number): void;
  getwinsize(fd: number): Winsize;
  setwinsize(fd: number, ws: Winsize): void; // sends SIGWINCH to the foreground group
  setctty(fd: number): void;             // TIOCSCTTY: make it the session's controlling terminal

  // --- mounts and namespaces ---
  /** mount(2). fstype: overlay, tmpfs, proc, sysfs, cgroup2, devpts, mqueue, or MS_BIND. */
  mount(source: string, target: string, fstype: string, flags: number, data?: string): void;
  umount(target: string, flags?: number): void;
  pivot_root(newRoot: string, putOld: string): void;
  unshare(flags: number): void;
  /** setns(2): fd is an open /proc/PID/ns/* file; nstype 0 accepts any. */
  setns(fd: number, nstype: number): void;

  // --- processes ---
  /** clone(2) with a body: returns the child's pid as the caller sees it. EAGAIN at pids.max. */
  clone(opts: CloneOptions): number;
  /** execve(2): on success never settles (the program is replaced); rejects with ENOENT/EACCES/ENOEXEC. */
  execve(path: string, argv: string[], env: string[]): Promise<never>;
  /** _exit(2): ends the process now by unwinding the program; never returns. */
  exit(code: number): never;
  /** wait4(2): pid -1 any child, >0 that child, 0 own group, <-1 group -pid. WNOHANG → null if none ended. */
  wait4(pid: number, options?: number): Promise<WaitResult | null>;
  kill(pid: number, sig: number): void;
  /**
   * sigaction(2). flags may hold SA_RESTART: then a blocking call (read, write,
   * wait4, accept, connect, recvmsg, sendmsg) interrupted by this signal's
   * handler goes on waiting instead of failing with EINTR; sleep and pause
   * always fail with EINTR, as in Linux.
   */
  sigaction(sig: number, action: SigAction, flags?: number): SigAction;
  /** Blocks until a caught signal arrives (rejects EINTR, as pause(2) returns). */
  pause(): Promise<never>;
  sched_yield(): Promise<void>;          // interpreters call this every few steps; charges CPU time
  /** Charges (positive) or releases (negative) anonymous memory against the memory cgroup; OOM kills at memory.max. */
  memory(deltaBytes: number): void;

  // --- time ---
  now(): number;                         // CLOCK_REALTIME, ms since the epoch (virtual)
  uptime(): number;                      // CLOCK_MONOTONIC, ms since boot (virtual)
  sleep(ms: number): Promise<void>;      // nanosleep(2)
  /** Deterministic random bytes from the world's seed (getrandom(2)). */
  getrandom(n: number): Uint8Array;

  // --- code ---
  /**
   * Like dlopen(3): the library's code, loaded on first use
   * (lazyLibrary); the caller sleeps until it has arrived, with the clock held.
   * @throws what the load threw, when it failed
   */
  dlopen<T>(lib: Lazy<T>): Promise<T>;

  // --- sockets ---
  /**
   * socket(2). AF_UNIX: SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM. AF_INET:
   * SOCK_STREAM (TCP), SOCK_DGRAM (UDP; with IPPROTO_ICMP an unprivileged
   * "ping socket"), SOCK_RAW with IPPROTO_ICMP (root only, EPERM otherwise).
   * ICMP sockets send and receive ICMP messages starting at the ICMP header
   * (type, code, checksum, id, sequence, payload); the kernel fills in the id
   * of a ping socket and every checksum.
   */
  socket(domain: number, type: number, protocol?: number): number;
  socketpair(domain: number, type: number): [number, number];
  bind(fd: number, addr: SockAddr): void;
  listen(fd: number, backlog?: number): void;
  accept(fd: number): Promise<number>;
  connect(fd: number, addr: SockAddr): Promise<void>;
  shutdown(fd: number, how: number): void;
  /**
   * SOCK_SEQPACKET over AF_UNIX carries whole structured messages (the daemons' RPC).
   * The message is passed by reference: do not change it after sending. `fds`
   * passes open files along (SCM_RIGHTS: runc's console socket hands the pty master over).
   */
  sendmsg(fd: number, msg: unknown, fds?: number[]): Promise<void>;
  /**
   * Next whole message, or null once the peer has closed. Files sent along are
   * installed as new fds; with `{ fds: true }` the result is `{ msg, fds }`
   * (otherwise such files are closed).
   */
  recvmsg(fd: number, opts?: { fds?: boolean }): Promise<unknown | null>;
  /**
   * sendto(2): one datagram to addr (UDP, ICMP), or to the connected peer
   * when addr is omitted (UDP after connect; TCP: like write). Resolves to
   * the bytes sent. ENETUNREACH when no route; EDESTADDRREQ without a peer.
   */
  sendto(fd: number, data: Uint8Array | string, addr?: SockAddr): Promise<number>;
  /**
   * recvfrom(2): the next datagram (a stream socket: the next bytes) and its
   * sender; `ttl` is the IP TTL it arrived with (IP_RECVTTL, for ping). Blocks;
   * EAGAIN when SO_RCVTIMEO elapses or the socket is non-blocking.
   * A pending asynchronous error (ICMP port unreachable on a connected UDP
   * socket) fails it with ECONNREFUSED.
   */
  recvfrom(fd: number, n?: number): Promise<{ data: Uint8Array; addr: SockAddr; ttl?: number }>;
  /** getsockname(2): the bound address ({ addr: '0.0.0.0', port: 0 } before bind). */
  getsockname(fd: number): SockAddr;
  /** getpeername(2): ENOTCONN when not connected. */
  getpeername(fd: number): SockAddr;
  /**
   * setsockopt(2) with an integer value: SOL_SOCKET SO_REUSEADDR, SO_REUSEPORT,
   * SO_BROADCAST, SO_KEEPALIVE, SO_RCVTIMEO (milliseconds, 0 = none);
   * IPPROTO_IP IP_TTL; IPPROTO_TCP TCP_NODELAY. Unknown options: ENOPROTOOPT.
   */
  setsockopt(fd: number, level: number, name: number, value: number): void;
  /** getsockopt(2): the values above, SO_TYPE, and SO_ERROR (read and cleared). */
  getsockopt(fd: number, level: number, name: number): number;
  /**
   * Network configuration of the caller's network namespace, in one typed
   * call (rtnetlink, iptables' and conntrack's netlink, net sysctls): links,
   * addresses, routes, neighbours, bridge fdb, netfilter rules, conntrack,
   * sockets. See net/api.ts (`NetlinkOps`) for each operation. Changes need
   * euid 0 (EPERM); errors are netlink's errnos (EEXIST, ENODEV, ESRCH, ...).
   *   sys.netlink('link.add', { name: 'veth0', kind: 'veth', peer: 'eth0', peerNetns: { pid } })
   */
  netlink<K extends NetlinkOp>(op: K, args: NetlinkOps[K][0]): NetlinkOps[K][1];
}

/** What a program is started with. */
export interface ProcessContext {
  sys: Sys;
  argv: string[];
  /** "KEY=value" strings, as execve passed them. */
  env: string[];
}

/** A simulated binary: an async function over its process. Its return value is the exit code. */
export type Program = (p: ProcessContext) => Promise<number> | number;

/**
 * Code that loads on first use (lazyProgram, lazyLibrary in process/program-load.ts):
 * the process that runs or dlopens it first sleeps until the code is resident.
 */
export interface Lazy<T> {
  /** Loads the code (once; again after a failure). */
  readonly load: () => Promise<T>;
  /** The code, once the host has it. */
  readonly loaded: () => { value: T } | undefined;
}
export type LazyProgram = Lazy<Program>;

/** Resolves the program named in an executable's content (see exec format in README). */
export type ProgramResolver = (name: string) => Program | LazyProgram | undefined;
