// Process system calls: ids, credentials, process groups and sessions,
// clone/execve/exit/wait4, prctl, the uts name, memory charges, time.

import { EINVAL, EPERM, ESRCH, SysError } from '../abi/errno.ts';
import { PR_SET_CHILD_SUBREAPER, PR_SET_NAME, PR_SET_PDEATHSIG } from '../abi/flags.ts';
import type { CloneOptions, Utsname, WaitResult } from '../sys.ts';
import type { Kernel } from '../kernel.ts';
import type { Proc } from '../process/proc.ts';
import { pidIn } from '../process/pidns.ts';
import { Pgrp, Session, registerPgrp, unregisterPgrp } from '../process/group.ts';
import { copyProcess } from '../process/fork.ts';
import { execve as doExecve, startImage } from '../process/exec.ts';
import { doExit, UNWIND } from '../process/exit.ts';
import { wait4 as doWait4 } from '../process/wait.ts';
import { schedYield as doYield, sleepFor } from '../sched/scheduler.ts';
import { chargeMemory } from '../cgroup/charge.ts';

const PR_GET_NAME = 16, PR_GET_CHILD_SUBREAPER = 37, PR_GET_PDEATHSIG = 2, PR_CAPBSET_READ = 23,
  PR_CAPBSET_DROP = 24;

export function getpid(p: Proc): number { return p.vpid; }

export function getppid(p: Proc): number {
  const q = p.parent;
  return q ? pidIn(p.pidns, q.nspids, q.pidns) : 0;
}

/** The process `pid` as p sees it (0: p itself). @throws ESRCH */
export function findProc(p: Proc, pid: number): Proc {
  if (pid === 0) return p;
  const q = p.pidns.procs.get(pid);
  if (!q) throw new SysError(ESRCH);
  return q;
}

export function getpgid(_k: Kernel, p: Proc, pid: number): number {
  const q = findProc(p, pid);
  return pidIn(p.pidns, q.pgrp.nspids, q.pgrp.home);
}

export function getsid(_k: Kernel, p: Proc, pid: number): number {
  const q = findProc(p, pid);
  const s = q.pgrp.session;
  return pidIn(p.pidns, s.nspids, s.home);
}

/** setpgid(2): moves pid (self or a child) into group pgid of the same session. */
export function setpgid(_k: Kernel, p: Proc, pid: number, pgid: number): void {
  if (pgid < 0) throw new SysError(EINVAL);
  const q = findProc(p, pid);
  if (q !== p && q.parent !== p) throw new SysError(ESRCH);
  if (q.pgrp.session !== p.pgrp.session) throw new SysError(EPERM);
  if (q.pgrp.session.leaderPid === q.pid) throw new SysError(EPERM);
  const target = pgid === 0 ? q.vpid : pgid;
  let g: Pgrp | undefined;
  if (target === pidIn(p.pidns, q.nspids, q.pidns)) {
    g = p.pidns.pgrps.get(target);
    if (!g) { g = new Pgrp(q.nspids, q.pidns, q.pgrp.session); registerPgrp(g); }
  } else {
    g = p.pidns.pgrps.get(target);
    if (!g || g.session !== q.pgrp.session) throw new SysError(EPERM);
  }
  movePgrp(q, g);
}

function movePgrp(q: Proc, g: Pgrp): void {
  const old = q.pgrp;
  if (old === g) return;
  old.members.delete(q);
  if (old.members.size === 0) {
    unregisterPgrp(old);
    const t = old.session.tty;
    if (t && t.fg === old) t.fg = null;
  }
  q.pgrp = g;
  g.members.add(q);
}

/** setsid(2): a new session and group led by p. @throws EPERM when p leads a group */
export function setsid(k: Kernel, p: Proc): number {
  if (p.pidns.pgrps.get(p.vpid)) throw new SysError(EPERM);
  const s = new Session(p.nspids, p.pidns, p.pid);
  const g = new Pgrp(p.nspids, p.pidns, s);
  registerPgrp(g);
  movePgrp(p, g);
  if (k.trace) k.emit(p.pid, 'setsid', {});
  return p.vpid;
}

function setCred(p: Proc): void { p.fs.cred = { uid: p.euid, gid: p.egid, groups: p.groups }; }

export function setuid(p: Proc, uid: number): void {
  if (p.euid === 0) { p.uid = p.euid = p.suid = uid; if (uid !== 0) p.caps = 0; }
  else if (uid === p.uid || uid === p.suid) p.euid = uid;
  else throw new SysError(EPERM);
  setCred(p);
}

export function setgid(p: Proc, gid: number): void {
  if (p.euid === 0) { p.gid = p.egid = p.sgid = gid; }
  else if (gid === p.gid || gid === p.sgid) p.egid = gid;
  else throw new SysError(EPERM);
  setCred(p);
}

export function setgroups(p: Proc, groups: number[]): void {
  if (p.euid !== 0) throw new SysError(EPERM);
  p.groups = groups.slice();
  setCred(p);
}

export function umask(p: Proc, mask?: number): number {
  const old = p.fs.umask;
  if (mask !== undefined) p.fs.umask = mask & 0o777;
  return old;
}

export function sethostname(k: Kernel, p: Proc, name: string): void {
  if (p.euid !== 0) throw new SysError(EPERM);
  if (name.length > 64) throw new SysError(EINVAL);
  p.ns.uts.hostname = name;
  if (k.trace) k.emit(p.pid, 'sethostname', { name });
}

export function uname(k: Kernel, p: Proc): Utsname {
  return { sysname: 'Linux', nodename: p.ns.uts.hostname, release: k.release, version: k.version, machine: 'x86_64' };
}

export function prctl(p: Proc, option: number, arg?: number | string): number {
  switch (option) {
    case PR_SET_CHILD_SUBREAPER: p.subreaper = !!arg; return 0;
    case PR_GET_CHILD_SUBREAPER: return p.subreaper ? 1 : 0;
    case PR_SET_NAME: p.comm = String(arg ?? '').slice(0, 15); return 0;
    case PR_GET_NAME: return 0;
    case PR_SET_PDEATHSIG: p.pdeathsig = Number(arg ?? 0); return 0;
    case PR_GET_PDEATHSIG: return p.pdeathsig;
    case PR_CAPBSET_READ: return Math.floor(p.caps / 2 ** Number(arg)) % 2;
    case PR_CAPBSET_DROP: {
      // runc drops what the OCI spec does not grant; /proc/PID/status shows the rest
      const bit = 2 ** Number(arg);
      if (Math.floor(p.caps / bit) % 2) p.caps -= bit;
      return 0;
    }
    default: throw new SysError(EINVAL);
  }
}

export function clone(k: Kernel, p: Proc, o: CloneOptions): number {
  const c = copyProcess(k, p, o.flags ?? 0, o.comm);
  const body = o.child;
  startImage(k, c, body);
  return pidIn(p.pidns, c.nspids, c.pidns);
}

export function execve(k: Kernel, p: Proc, path: string, argv: string[], env: string[]): Promise<never> {
  return doExecve(k, p, path, argv, env);
}

export function exit(k: Kernel, p: Proc, code: number): never {
  doExit(k, p, { code: code & 255, signal: null });
  throw UNWIND;
}

export function wait4(k: Kernel, p: Proc, pid: number, options: number): WaitResult | null | Promise<WaitResult | null> {
  return doWait4(k, p, pid, options);
}

export function schedYield(k: Kernel, p: Proc): Promise<void> { return doYield(k, p); }

export function sleep(k: Kernel, p: Proc, ms: number): Promise<void> { return sleepFor(k, p, ms); }

/** Charges anonymous memory; over memory.max the OOM killer may pick the caller itself. */
export function memory(k: Kernel, p: Proc, delta: number): void {
  if (delta < 0 && -delta > p.mem) delta = -p.mem;
  p.mem += delta;
  chargeMemory(k, p.cgroup, delta, true);
  if (!p.alive) throw UNWIND;
}
