// The kernel: the host-facing API the world drives (boot, spawn, ptys,
// pipes, the run loop, the virtual clock) and the state every subsystem
// shares (pid namespaces, the cgroup root, namespaces' inode numbers, the
// run queue). Subsystems are plain modules over this object.

import { ESRCH, SysError } from './abi/errno.ts';
import { CLONE_NEWCGROUP, CLONE_NEWIPC, CLONE_NEWNET, CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWUSER, CLONE_NEWUTS,
  O_RDWR, O_WRONLY, MS_NOSUID } from './abi/flags.ts';
import { MS_RELATIME } from './vfs/mount.ts';
import type { ExitStatus, ProgramResolver, Winsize } from './sys.ts';
import { Clock } from './sched/clock.ts';
import { Random } from './sched/random.ts';
import { RunQueue, runRound } from './sched/scheduler.ts';
import { setCurrent } from './sched/wait.ts';
import { Proc } from './process/proc.ts';
import { PidNs } from './process/pidns.ts';
import { Pgrp, Session, registerPgrp } from './process/group.ts';
import { allocPids } from './process/fork.ts';
import { imageBody, loadImage, startImage } from './process/exec.ts';
import { CodePager } from './process/program-load.ts';
import { fdAlloc } from './process/fdtable.ts';
import { sendSignal } from './process/signal.ts';
import { doExit, release } from './process/exit.ts';
import { SysImpl } from './syscalls/table.ts';
import { attach } from './cgroup/charge.ts';
import { Cgroup } from './cgroup/cgroup.ts';
import type { UnixSocket } from './net/unix.ts';
import { destroyNetns, netlinkNs } from './net/netlink.ts';
import type { NetlinkOp, NetlinkOps } from './net/api.ts';
import { CgroupNs, type NsType, IpcNs, NetNs, NsProxy, TimeNs, UserNs, UtsNs, PROC_CGROUP_INIT_INO,
  PROC_DYNAMIC_FIRST_INO, PROC_DYNAMIC_LATER_INO, PROC_IPC_INIT_INO, PROC_PID_INIT_INO,
  PROC_TIME_INIT_INO, PROC_USER_INIT_INO, PROC_UTS_INIT_INO } from './ns/namespaces.ts';
import { Vfs } from './vfs/vfs.ts';
import { HostFs } from './vfs/host.ts';
import type { MountNamespace } from './vfs/mount.ts';
import type { FsContext } from './vfs/node.ts';
import type { OpenFile } from './vfs/file.ts';
import type { SuperBlock } from './vfs/filesystem.ts';
import { createDiskFs } from './fs/index.ts';
import { registerDrivers } from './dev/drivers.ts';
import { PtyRegistry, type HostPty } from './tty/pty.ts';
import { HostPipeFile, HostSinkFile, type HostPipe } from './ipc/host-io.ts';
import { NullFile } from './dev/mem.ts';
import { snapshot, type ProcessInfo } from './proc/snapshot.ts';
import { bootId } from './proc/files.ts';

export interface TraceEvent {
  /** Uptime in ms. */
  t: number;
  /** Host pid of the process the event concerns (0: the kernel). */
  pid: number;
  call: string;
  args: Record<string, unknown>;
}

export interface KernelOptions {
  programs: ProgramResolver;
  /** Lets the host's microtask queue drain (Node: setImmediate). */
  hostYield: () => Promise<void>;
  seed?: number;
  /** Epoch ms at boot (default 2026-01-01T00:00:00Z). */
  bootTime?: number;
  hostname?: string;
  /** uname -r (default '6.8.0-dockersim'). */
  release?: string;
  memoryBytes?: number;
  ncpu?: number;
  /** CPU time a sched_yield charges (default 1 ms). */
  quantumMs?: number;
  trace?: (ev: TraceEvent) => void;
  /** The root filesystem (default: an empty ext4-like in-memory one on /dev/vda1). */
  rootFs?: SuperBlock;
  /**
   * Mount devtmpfs on /dev at boot (when /dev exists), as Linux does with
   * CONFIG_DEVTMPFS_MOUNT; default false: the host's init may mount it itself
   * (`mount('devtmpfs', '/dev', 'devtmpfs', MS_NOSUID, 'mode=755')`).
   */
  devtmpfs?: boolean;
  /** Told about programs that crash (throw something other than a SysError they could handle). */
  onCrash?: (pid: number, error: unknown) => void;
}

export interface SpawnOptions {
  path: string;
  argv: string[];
  env: string[];
  cwd?: string;
  uid?: number;
  gid?: number;
  /** Host pid of the parent (default 1; the kernel itself when there is none). */
  parent?: number;
  setsid?: boolean;
  stdin?: HostPty | HostPipe | 'null';
  stdout?: HostPty | ((b: Uint8Array) => void) | 'null';
  stderr?: HostPty | ((b: Uint8Array) => void) | 'null';
}

export interface Disposable { dispose(): void }

export class Kernel {
  readonly clock: Clock;
  readonly rng: Random;
  readonly vfs: Vfs;
  readonly fs: HostFs;
  readonly programs: ProgramResolver;
  /** Code that loads on first use (programs, libraries): the loads under way. */
  readonly pager = new CodePager();
  readonly release: string;
  readonly memoryBytes: number;
  readonly ncpu: number;
  readonly quantum: number;
  readonly pidMax = 4194304;
  /** Processes made since boot (/proc/stat "processes"). */
  forks = 0;
  /** uname -v */
  readonly version = '#1 SMP PREEMPT_DYNAMIC Mon Dec  1 00:00:00 UTC 2025';
  /** Listening/bound AF_UNIX sockets by "dev:ino" of their node. */
  readonly unixBound = new Map<string, UnixSocket>();
  readonly trace: ((ev: TraceEvent) => void) | undefined;
  readonly runq = new RunQueue();
  readonly hostPidNs: PidNs;
  readonly initNs: NsProxy;
  readonly cgroupRoot: Cgroup;
  readonly ptys: PtyRegistry;
  readonly bootId: string;
  /** The namespaces a dead process points at (so nothing holds on to real ones). */
  readonly deadNs: NsProxy;
  private readonly _hostYield: () => Promise<void>;
  private readonly _onCrash: ((pid: number, error: unknown) => void) | undefined;
  private readonly _devtmpfs: boolean;
  private _inum = PROC_DYNAMIC_LATER_INO;
  private _cgroupId = 1;
  private readonly _mntNs = new WeakMap<MountNamespace, { inum: number; refs: number }>();
  private readonly _exitWatchers = new Map<number, ((s: ExitStatus) => void)[]>();
  /** Called when a cgroup becomes (un)populated: cgroupfs wakes cgroup.events readers. */
  cgroupEvent: (cg: Cgroup) => void = () => {};

  constructor(opts: KernelOptions) {
    this.programs = opts.programs;
    this._hostYield = opts.hostYield;
    this.clock = new Clock(opts.bootTime ?? 1767225600000);
    this.rng = new Random(opts.seed ?? 1);
    this.release = opts.release ?? '6.8.0-dockersim';
    this.memoryBytes = opts.memoryBytes ?? 4 * 1024 * 1024 * 1024;
    this.ncpu = opts.ncpu ?? 2;
    this.quantum = opts.quantumMs ?? 1;
    this.trace = opts.trace;
    this._onCrash = opts.onCrash;
    this._devtmpfs = opts.devtmpfs ?? false;
    this.bootId = bootId(this.rng);
    this.vfs = new Vfs({ clock: () => this.clock.realtime() });
    const rootSb = opts.rootFs ?? createDiskFs(this.vfs);
    const mnt = this.vfs.createNamespace(rootSb);
    this._mntNs.set(mnt, { inum: PROC_DYNAMIC_FIRST_INO + 1, refs: 0 });
    this.fs = new HostFs(this.vfs, mnt);
    this.cgroupRoot = new Cgroup('', null, this._cgroupId++);
    // what systemd enables on a Docker host
    this.cgroupRoot.subtreeControl = ['cpuset', 'cpu', 'io', 'memory', 'pids'];
    this.hostPidNs = new PidNs(PROC_PID_INIT_INO, null, this.pidMax);
    this.initNs = new NsProxy(
      new UtsNs(PROC_UTS_INIT_INO, opts.hostname ?? 'localhost'),
      new IpcNs(PROC_IPC_INIT_INO), mnt, new NetNs(PROC_DYNAMIC_FIRST_INO, this.clock, () => this.newPipeIno()),
      new CgroupNs(PROC_CGROUP_INIT_INO, this.cgroupRoot), new UserNs(PROC_USER_INIT_INO, null, 0),
      new TimeNs(PROC_TIME_INIT_INO), this.hostPidNs);
    this.initNs.refs++;
    this.deadNs = this.initNs;
    this.ptys = new PtyRegistry(this);
    registerDrivers(this);
  }

  // --- host-facing API ---

  /** Starts PID 1 of the host from an executable (after mounting devtmpfs on /dev if asked). */
  boot(path: string, argv: string[], env: string[]): number {
    if (this.hostPidNs.init) throw new Error('already booted');
    if (this._devtmpfs && this.fs.exists('/dev')) {
      try { this.vfs.mount(this.fs.ctx, 'udev', '/dev', 'devtmpfs', MS_NOSUID | MS_RELATIME, 'mode=755'); } catch { /* keep the disk's /dev */ }
    }
    const p = this.spawnProc({ path, argv, env, parent: 0, setsid: true, stdin: 'null', stdout: 'null', stderr: 'null' });
    return p.pid;
  }

  /** Starts a process from the host side (a service, a login session). Returns its host pid. */
  spawn(o: SpawnOptions): number { return this.spawnProc(o).pid; }

  createPty(): HostPty { return this.ptys.hostPty(); }

  /** A pipe whose write end the host feeds: give it as a process's stdin. */
  createPipe(): HostPipe { return new HostPipeFile(this); }

  onExit(pid: number, cb: (status: ExitStatus) => void): Disposable {
    const p = this.hostPidNs.procs.get(pid);
    if (p && p.state === 'Z') { cb(p.exitStatus!); return { dispose() {} }; }
    if (!p) throw new SysError(ESRCH);
    let a = this._exitWatchers.get(pid);
    if (!a) this._exitWatchers.set(pid, a = []);
    a.push(cb);
    return { dispose: () => { const i = a!.indexOf(cb); if (i >= 0) a!.splice(i, 1); } };
  }

  /**
   * Runs until nothing can happen without outside input: resumes yielded
   * processes once per host macrotask and, with jumpTime, moves the clock to
   * the next timer when nothing is runnable. Program code being loaded
   * (process/program-load.ts) is waited for first, with the clock held.
   */
  async runUntilIdle(opts: { until?: () => boolean; jumpTime?: boolean } = {}): Promise<void> {
    const jump = opts.jumpTime ?? true;
    for (;;) {
      await this._hostYield();
      // program code on its way holds the world still until it is resident
      const paged = this.pager.busy ? await this.pager.settle() : 0;
      const resumed = runRound(this);
      if (opts.until?.()) return;
      if (paged > 0 || resumed > 0 || this.runq.length > 0 || this.pager.busy) continue;
      if (jump && this.clock.fireNext()) continue;
      return;
    }
  }

  /** Uptime (ms) of the next timer, for a wall-clock driver. */
  nextTimerAt(): number | undefined { return this.clock.next(); }
  /** Moves the clock (wall-clock mode), firing due timers. */
  advanceTo(uptimeMs: number): void { this.clock.advanceTo(uptimeMs); }

  processes(): ProcessInfo[] { return snapshot(this); }

  /** Sends a signal from the host (as root of the initial namespace). */
  kill(pid: number, sig: number): void {
    const p = this.hostPidNs.procs.get(pid);
    if (!p) throw new SysError(ESRCH);
    sendSignal(this, null, p, sig);
  }

  /** The process with this host pid (kernel-internal and for tests). */
  proc(pid: number): Proc | undefined { return this.hostPidNs.procs.get(pid); }

  // --- internals shared by subsystems ---

  emit(pid: number, call: string, args: Record<string, unknown>): void {
    this.trace?.({ t: this.clock.now, pid, call, args });
  }

  crashed(p: Proc, e: unknown): void {
    if (this.trace) this.emit(p.pid, 'crash', { error: String(e) });
    this._onCrash?.(p.pid, e);
  }

  newInum(): number { return this._inum++; }
  private _pipeIno = 20480;
  /** Inode numbers of pipefs/sockfs objects ("pipe:[N]", "socket:[N]"). */
  newPipeIno(): number { return this._pipeIno++; }
  newCgroupId(): number { return this._cgroupId++; }

  /** The inode number of p's namespace of a type (/proc/PID/ns/TYPE). */
  nsInum(p: Proc, type: NsType, forChildren = false): number {
    const n = p.ns;
    switch (type) {
      case 'pid': return forChildren ? n.pidChildren.inum : p.pidns.inum;
      case 'mnt': return this.mntInum(n.mnt);
      case 'uts': return n.uts.inum;
      case 'ipc': return n.ipc.inum;
      case 'net': return n.net.inum;
      case 'user': return n.user.inum;
      case 'cgroup': return n.cgroup.inum;
      case 'time': return n.time.inum;
    }
  }

  hostInit(): Proc | null { const i = this.hostPidNs.init; return i && i.alive ? i : null; }

  takeExitWatchers(pid: number): ((s: ExitStatus) => void)[] {
    const a = this._exitWatchers.get(pid);
    if (!a) return EMPTY;
    this._exitWatchers.delete(pid);
    return a;
  }

  mntInum(ns: MountNamespace): number {
    let i = this._mntNs.get(ns);
    if (!i) this._mntNs.set(ns, i = { inum: this.newInum(), refs: 0 });
    return i.inum;
  }

  /**
   * New namespaces for the CLONE_NEW* flags (CLONE_NEWPID is the caller's).
   * With CLONE_NEWNS, fs (root and cwd) moves into the copied mount tree.
   */
  copyNs(p: Proc, flags: number, fs: FsContext): NsProxy {
    // the order of Linux's create_new_namespaces, so inode numbers come out alike
    const o = p.ns, n = o.copy();
    if (flags & CLONE_NEWUSER) n.user = new UserNs(this.newInum(), o.user, p.euid);
    if (flags & CLONE_NEWNS) {
      const c = o.mnt.clone();
      n.mnt = c.ns;
      this._mntNs.set(c.ns, { inum: this.newInum(), refs: 0 });
      fs.root = c.translate(fs.root);
      fs.cwd = c.translate(fs.cwd);
      fs.mountNs = c.ns;
    }
    if (flags & CLONE_NEWUTS) n.uts = new UtsNs(this.newInum(), o.uts.hostname, o.uts.domainname);
    if (flags & CLONE_NEWIPC) n.ipc = new IpcNs(this.newInum());
    if (flags & CLONE_NEWPID) n.pidChildren = new PidNs(this.newInum(), o.pidChildren, this.pidMax);
    if (flags & CLONE_NEWCGROUP) n.cgroup = new CgroupNs(this.newInum(), p.cgroup);
    if (flags & CLONE_NEWNET) n.net = new NetNs(this.newInum(), this.clock, () => this.newPipeIno());
    return n;
  }

  getNs(ns: NsProxy): void {
    if (ns.refs++ === 0) {
      const m = this._mntNs.get(ns.mnt);
      if (m) m.refs++;
      ns.net.refs++;
    }
  }

  putNs(ns: NsProxy): void {
    if (ns === this.deadNs && ns.refs <= 1) return;
    if (--ns.refs > 0) return;
    const m = this._mntNs.get(ns.mnt);
    if (m && --m.refs === 0 && ns.mnt !== this.initNs.mnt) ns.mnt.release();
    // the last process left a network namespace: its devices go (a veth takes its peer along)
    if (--ns.net.refs === 0 && ns.net !== this.initNs.net) destroyNetns(ns.net);
  }

  /** Network configuration of the host's (initial) network namespace, as root: what sys.netlink does. */
  hostNetlink<K extends NetlinkOp>(op: K, args: NetlinkOps[K][0]): NetlinkOps[K][1] {
    return netlinkNs(this, this.initNs.net, op, args, (ref) => {
      const p = 'pid' in ref ? this.hostPidNs.procs.get(ref.pid) : undefined;
      if (!p || !p.alive) throw new SysError(ESRCH);
      return p.ns.net;
    });
  }

  // --- spawning from the host ---

  private spawnProc(o: SpawnOptions): Proc {
    const parent = o.parent === 0 ? null : this.hostPidNs.procs.get(o.parent ?? 1) ?? null;
    const nspids = allocPids(this.hostPidNs);
    const fs = this.vfs.context(this.initNs.mnt, { uid: o.uid ?? 0, gid: o.gid ?? 0, groups: [] }, 0o022);
    const base = o.path.slice(o.path.lastIndexOf('/') + 1);
    const p = new Proc(this, nspids, this.hostPidNs, fs, this.initNs, parent?.cgroup ?? this.cgroupRoot, base.slice(0, 15));
    fs.task = p;
    p.uid = p.euid = p.suid = o.uid ?? 0;
    p.gid = p.egid = p.sgid = o.gid ?? 0;
    this.getNs(this.initNs);
    if (!this.hostPidNs.init) this.hostPidNs.init = p;
    this.hostPidNs.procs.set(nspids[0]!, p);
    if (parent) { p.parent = parent; (parent.children ??= new Set()).add(p); }
    if (o.setsid || !parent) {
      const s = new Session(nspids, this.hostPidNs, p.pid);
      p.pgrp = new Pgrp(nspids, this.hostPidNs, s);
      registerPgrp(p.pgrp);
    } else {
      p.pgrp = parent.pgrp;
    }
    p.pgrp.members.add(p);
    attach(this, p, p.cgroup);
    setCurrent(p);
    this.stdio(p, 0, o.stdin ?? 'null');
    this.stdio(p, 1, o.stdout ?? 'null');
    this.stdio(p, 2, o.stderr ?? 'null');
    let img;
    try {
      if (o.cwd) fs.cwd = this.vfs.resolveDir(fs, o.cwd);
      img = loadImage(this, p, o.path, o.argv);
    } catch (e) {
      // nothing ran: undo the process as if it never existed
      p.sys = new SysImpl(this, p);
      doExit(this, p, { code: 127, signal: null });
      if (p.parent) release(this, p);
      throw e;
    }
    p.argv = img.argv; p.env = o.env; p.exe = img.exe;
    if (this.trace) this.emit(p.pid, 'spawn', { path: o.path, argv: img.argv.slice(), parent: parent?.pid ?? 0 });
    startImage(this, p, imageBody(this, p, img.program, img.argv, o.env));
    return p;
  }

  private stdio(p: Proc, fd: number, s: HostPty | HostPipe | ((b: Uint8Array) => void) | 'null'): void {
    let f: OpenFile;
    if (s === 'null') f = new NullFile(this);
    else if (typeof s === 'function') f = new HostSinkFile(s);
    else if (s instanceof HostPipeFile) f = s.readEnd();
    else {
      const pty = s as HostPty;
      f = this.ptys.openSlave(pty.index, fd === 0 ? O_RDWR : O_WRONLY, p);
    }
    fdAlloc(p, f, false, fd);
  }
}

const EMPTY: never[] = [];
