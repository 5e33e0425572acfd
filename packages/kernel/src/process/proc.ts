// A process (Linux's task_struct, single-threaded): plain fields, kept small
// because an idle container is a handful of these. Lifecycle code lives
// beside it: fork.ts, exec.ts, exit.ts, signal.ts, wait.ts.

import type { OpenFile } from '../vfs/file.ts';
import type { FsContext } from '../vfs/node.ts';
import type { ExitStatus, SigAction } from '../sys.ts';
import type { Kernel } from '../kernel.ts';
import type { Sleeper } from '../sched/wait.ts';
import { WaitQueue } from '../sched/wait.ts';
import type { PidNs } from './pidns.ts';
import type { Pgrp } from './group.ts';
import type { NsProxy } from '../ns/namespaces.ts';
import type { Cgroup } from '../cgroup/cgroup.ts';
import type { SysImpl } from '../syscalls/table.ts';

export const CAP_FULL = 0x1ffffffffff;

/** R running/runnable, S sleeping, T stopped, Z zombie. */
export type ProcState = 'R' | 'S' | 'T' | 'Z';

export class Proc {
  state: ProcState = 'R';
  /** In a frozen cgroup (cgroup/freezer.ts): held like a stopped process. */
  frozen = false;
  /** Set when it becomes a zombie; the status wait4 reports. */
  exitStatus: ExitStatus | null = null;
  /** A stop or continue wait4 has not reported yet (WUNTRACED/WCONTINUED). */
  report: ExitStatus | null = null;
  parent: Proc | null = null;
  children: Set<Proc> | null = null;
  /** wait4 callers sleep here; woken when a child changes state. */
  private _childWait: WaitQueue | null = null;
  get childWait(): WaitQueue { return this._childWait ??= new WaitQueue(); }
  /** Wakes wait4 callers (if any). */
  wakeWaiters(): void { this._childWait?.wakeAll(); }
  pgrp!: Pgrp;

  comm: string;
  argv: string[] = [];
  env: string[] = [];
  exe = '';

  uid = 0; euid = 0; suid = 0;
  gid = 0; egid = 0; sgid = 0;
  groups: readonly number[] = [];
  /** Effective = permitted = bounding capabilities as a 41-bit mask (CAP_LAST_CAP 40). */
  caps = CAP_FULL;
  /** /proc/PID/oom_score_adj */
  oomScoreAdj = 0;
  /** fds: open file descriptions, and FD_CLOEXEC per slot. */
  fds: (OpenFile | null)[] = [];
  cloexec: boolean[] = [];

  /** Signal dispositions by number (null: all default); pending signals as a bit set (bit = signal). */
  actions: (SigAction | undefined)[] | null = null;
  sigpend = 0;
  /** Signals whose handler has SA_RESTART (bit = signal). */
  sigRestart = 0;
  pdeathsig = 0;
  subreaper = false;

  /** The program image running now; replaced by execve, marked dead then. */
  sys!: SysImpl;
  /** Blocked calls: the first one, then any others (a daemon may block in several at once). */
  private _sleeper: Sleeper | null = null;
  private _sleepers: Sleeper[] | null = null;
  private _deferred: (() => void)[] | null = null;
  /** Queued by sched_yield: the resume function. */
  yieldResume: (() => void) | null = null;

  /** Anonymous memory charged through Sys.memory(). */
  mem = 0;
  /** CPU time in ms (sched_yield quanta). */
  cpu = 0;
  /** Uptime at birth (ms). */
  readonly start: number;

  constructor(
    readonly k: Kernel,
    /** Pids per level, from the host's namespace down to `pidns`. */
    readonly nspids: readonly number[],
    /** The pid namespace it lives in (task_active_pid_ns). */
    readonly pidns: PidNs,
    public fs: FsContext,
    public ns: NsProxy,
    public cgroup: Cgroup,
    comm: string,
  ) {
    this.comm = comm;
    this.start = k.clock.now;
  }

  /** Host pid (level 0). */
  get pid(): number { return this.nspids[0]!; }
  /** Pid in its own namespace. */
  get vpid(): number { return this.nspids[this.nspids.length - 1]!; }
  get alive(): boolean { return this.state !== 'Z'; }

  addSleeper(s: Sleeper): void {
    if (!this._sleeper) this._sleeper = s;
    else (this._sleepers ??= []).push(s);
    if (this.state === 'R') this.state = 'S';
  }

  removeSleeper(s: Sleeper): void {
    if (this._sleeper === s) {
      const a = this._sleepers;
      this._sleeper = a && a.length ? a.shift()! : null;
    } else {
      const a = this._sleepers;
      if (!a) return;
      const i = a.indexOf(s);
      if (i < 0) return;
      a.splice(i, 1);
    }
    if (!this._sleeper && this.state === 'S') this.state = 'R';
  }

  /** The oldest interruptible sleeper (a caught signal interrupts it). */
  interruptibleSleeper(): Sleeper | undefined {
    const f = this._sleeper;
    if (!f) return undefined;
    if (f.interruptible) return f;
    const a = this._sleepers;
    if (a) for (const s of a) if (s.interruptible) return s;
    return undefined;
  }

  /** Removes and returns every sleeper. */
  takeSleepers(): Sleeper[] {
    const f = this._sleeper;
    if (!f) return [];
    const a = this._sleepers;
    this._sleeper = null;
    this._sleepers = null;
    if (this.state === 'S') this.state = 'R';
    if (!a) return [f];
    a.unshift(f);
    return a;
  }

  get sleeping(): boolean { return this._sleeper !== null; }

  /** A wake-up that arrived while stopped: runs on SIGCONT. */
  deferWake(fn: () => void): void { (this._deferred ??= []).push(fn); }

  takeDeferred(): (() => void)[] | null { const d = this._deferred; this._deferred = null; return d; }

  action(sig: number): SigAction { return this.actions?.[sig] ?? 'default'; }

  /** Lowest free fd number >= min. */
  freeFd(min = 0): number {
    const f = this.fds;
    for (let i = min; i < f.length; i++) if (!f[i]) return i;
    return Math.max(min, f.length);
  }

  installFd(fd: number, file: OpenFile, cloexec = false): number {
    while (this.fds.length < fd) { this.fds.push(null); this.cloexec.push(false); }
    this.fds[fd] = file;
    this.cloexec[fd] = cloexec;
    return fd;
  }
}
