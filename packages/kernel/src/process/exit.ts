// This file implements process exit (Linux's do_exit, exit_notify,
// forget_original_parent and release_task). A process exits at once, when it
// calls exit(2), returns from its program, or is killed: it closes its files,
// leaves its cgroup, hands its children to a reaper and becomes a zombie its
// parent reaps with wait4. When a pid namespace's init exits, every other
// process of the namespace is killed, as zap_pid_ns_processes does.
//
// exit(2) ends the running program by throwing UNWIND; programs must rethrow
// anything that is not a SysError so that it reaches the kernel's runner.

import { SIGCHLD, SIGKILL } from '../abi/signal.ts';
import type { ExitStatus } from '../sys.ts';
import type { Kernel } from '../kernel.ts';
import type { Proc } from './proc.ts';
import { drop } from '../sched/wait.ts';
import { notifyParent, sendSignal } from './signal.ts';
import { unregisterPgrp } from './group.ts';
import { uncharge } from '../cgroup/charge.ts';
import { closeAllFds } from './fdtable.ts';

/** Thrown by exit(2) (and by system calls of a dead process) to unwind its program. */
export class ExitUnwind {
  toString(): string { return 'process exited'; }
}
export const UNWIND = new ExitUnwind();

export function doExit(k: Kernel, p: Proc, status: ExitStatus): void {
  if (p.state === 'Z') return;
  p.state = 'Z';
  p.exitStatus = status;
  p.report = null;
  p.sys.dead = true;
  for (const s of p.takeSleepers()) drop(s);
  p.takeDeferred();
  p.yieldResume = null;
  if (k.trace) k.emit(p.pid, 'exit', { status: status.signal !== null ? { signal: status.signal } : { code: status.code } });

  closeAllFds(p);
  const sess = p.pgrp.session;
  if (sess.tty && sess.leaderPid === p.pid) sess.tty.hangup(p);
  uncharge(k, p);
  k.putNs(p.ns);
  p.ns = k.deadNs;

  const ns = p.pidns;
  if (ns.init === p) {
    ns.dead = true;
    for (const q of ns.procs.values()) if (q !== p && q.state !== 'Z') doExit(k, q, { code: null, signal: SIGKILL });
    // init reaps what was its own (zap_pid_ns_processes waits for them)
    for (const q of [...ns.procs.values()]) {
      if (q !== p && q.state === 'Z' && (!q.parent || q.parent.pidns.within(ns))) release(k, q);
    }
  }
  reparentChildren(k, p);

  for (const w of k.takeExitWatchers(p.pid)) w(status);

  const parent = p.parent;
  if (!parent || !parent.alive || parent.action(SIGCHLD) === 'ignore') {
    // nobody will wait: reap now (SIGCHLD set to SIG_IGN does the same in Linux)
    release(k, p);
    if (parent) parent.wakeWaiters();
    return;
  }
  notifyParent(k, p, true);
}

/** Gives p's children to the nearest living subreaper ancestor in p's namespace, or to its init. */
function reparentChildren(k: Kernel, p: Proc): void {
  const kids = p.children;
  if (!kids || kids.size === 0) return;
  p.children = null;
  let reaper: Proc | null = null;
  for (let a = p.parent; a && a.pidns === p.pidns && a !== a.pidns.init; a = a.parent) {
    if (a.subreaper && a.alive) { reaper = a; break; }
  }
  if (!reaper) {
    const init = p.pidns.init;
    reaper = init && init !== p && init.alive ? init : k.hostInit();
  }
  let zombie = false;
  for (const c of kids) {
    c.parent = reaper;
    if (c.pdeathsig) sendSignal(k, null, c, c.pdeathsig);
    if (reaper) (reaper.children ??= new Set()).add(c);
    if (c.state === 'Z') {
      if (!reaper || reaper.action(SIGCHLD) === 'ignore') release(k, c);
      else zombie = true;
    }
  }
  if (zombie && reaper) notifyParent(k, kids.values().next().value!, true);
}

/** Frees a zombie: its pids, its place among its parent's children and in its process group. */
export function release(k: Kernel, p: Proc): void {
  for (let ns: typeof p.pidns | null = p.pidns; ns; ns = ns.parent) {
    const id = p.nspids[ns.level]!;
    if (ns.procs.get(id) === p) ns.procs.delete(id);
  }
  p.parent?.children?.delete(p);
  const g = p.pgrp;
  g.members.delete(p);
  if (g.members.size === 0) unregisterPgrp(g);
  p.sys.dead = true;
}
