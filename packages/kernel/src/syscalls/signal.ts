// Signal system calls: kill(2) to a process, a group, or everyone visible;
// sigaction(2) with JS handlers; pause(2).

import { EINVAL, EPERM, ESRCH, SysError } from '../abi/errno.ts';
import { SIGCHLD, SIGKILL, SIGSTOP } from '../abi/signal.ts';
import { SA_RESTART } from '../abi/flags.ts';
import type { SigAction } from '../sys.ts';
import type { Kernel } from '../kernel.ts';
import type { Proc } from '../process/proc.ts';
import { sendSignal } from '../process/signal.ts';
import { sleepOn } from '../sched/wait.ts';
import { release } from '../process/exit.ts';

function mayKill(p: Proc, t: Proc): boolean {
  return p.euid === 0 || p.euid === t.uid || p.euid === t.suid || p.uid === t.uid || p.uid === t.suid;
}

/** kill(2): pid > 0 one process, 0 own group, -1 everyone but init and self, < -1 group -pid. */
export function kill(k: Kernel, p: Proc, pid: number, sig: number): void {
  if (sig < 0 || sig > 64) throw new SysError(EINVAL);
  if (k.trace) k.emit(p.pid, 'kill', { pid, sig });
  if (pid > 0) {
    const t = p.pidns.procs.get(pid);
    if (!t) throw new SysError(ESRCH);
    if (!mayKill(p, t)) throw new SysError(EPERM);
    sendSignal(k, p, t, sig);
    return;
  }
  let targets: Proc[];
  if (pid === -1) {
    targets = [];
    for (const t of p.pidns.procs.values()) if (t !== p && t !== p.pidns.init && t.pid !== 1) targets.push(t);
    for (const t of targets) if (mayKill(p, t)) sendSignal(k, p, t, sig);
    return;
  }
  const g = pid === 0 ? p.pgrp : p.pidns.pgrps.get(-pid);
  if (!g || g.members.size === 0) throw new SysError(ESRCH);
  targets = [...g.members];
  let ok = false;
  for (const t of targets) if (mayKill(p, t)) { ok = true; sendSignal(k, p, t, sig); }
  if (!ok) throw new SysError(EPERM);
}

export function sigaction(p: Proc, sig: number, action: SigAction, flags = 0): SigAction {
  if (sig < 1 || sig > 31 || sig === SIGKILL || sig === SIGSTOP) throw new SysError(EINVAL);
  const old = p.action(sig);
  const a = (p.actions ??= []);
  a[sig] = action === 'default' ? undefined : action;
  if (flags & SA_RESTART) p.sigRestart |= 1 << sig; else p.sigRestart &= ~(1 << sig);
  if (action === 'ignore') {
    p.sigpend &= ~(1 << sig);
    // SIGCHLD set to SIG_IGN: zombies already there are reaped (as Linux does at their exit)
    if (sig === SIGCHLD && p.children) for (const c of [...p.children]) if (c.state === 'Z') release(p.k, c);
  }
  return old;
}

/** pause(2): sleeps until a caught signal interrupts it. */
export function pause(p: Proc): Promise<never> {
  return sleepOn(p, null, true, -1, false) as Promise<never>;
}
