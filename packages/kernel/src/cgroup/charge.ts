// Charging processes to their cgroups: pids at fork (EAGAIN at pids.max),
// memory from Sys.memory() and tmpfs pages (the OOM killer at memory.max),
// and moves between cgroups (cgroup.procs writes).

import { EAGAIN, ENOMEM, SysError } from '../abi/errno.ts';
import { SIGKILL } from '../abi/signal.ts';
import type { Kernel } from '../kernel.ts';
import type { Proc } from '../process/proc.ts';
import { Cgroup, PROC_BASE_BYTES } from './cgroup.ts';
import { sendSignal } from '../process/signal.ts';
import { frozenAt } from './freezer.ts';

/** Checks pids.max up the tree for one more process. @throws EAGAIN */
export function checkPids(cg: Cgroup): void {
  for (let c: Cgroup | null = cg; c; c = c.parent) {
    if (c.pidsCurrent + 1 > c.pidsMax) { c.pidsEventsMax++; throw new SysError(EAGAIN); }
  }
}

/** Adds p to cg (a new process or a moved one): pids, base memory, populated counts. */
export function attach(k: Kernel, p: Proc, cg: Cgroup): void {
  p.cgroup = cg;
  p.frozen = frozenAt(cg);
  cg.procs.add(p);
  for (let c: Cgroup | null = cg; c; c = c.parent) {
    c.pidsCurrent++;
    if (c.populated++ === 0) k.cgroupEvent(c);
  }
  chargeMemory(k, cg, PROC_BASE_BYTES + p.mem, false);
}

function detach(k: Kernel, p: Proc): void {
  const cg = p.cgroup;
  cg.procs.delete(p);
  for (let c: Cgroup | null = cg; c; c = c.parent) {
    c.pidsCurrent--;
    if (--c.populated === 0) k.cgroupEvent(c);
  }
  chargeMemory(k, cg, -(PROC_BASE_BYTES + p.mem), false);
}

/** At exit. */
export function uncharge(k: Kernel, p: Proc): void {
  if (p.cgroup.procs.has(p)) detach(k, p);
}

/** Moves p to cg (writing its pid to cgroup.procs). */
export function migrate(k: Kernel, p: Proc, cg: Cgroup): void {
  if (p.cgroup === cg || p.state === 'Z') return;
  const from = p.cgroup;
  detach(k, p);
  attach(k, p, cg);
  if (k.trace) k.emit(p.pid, 'cgroup_attach', { from: from.path, to: cg.path });
}

/**
 * Charges delta bytes against cg and its ancestors. Over a memory.max, the
 * OOM killer SIGKILLs the largest process below that cgroup until usage fits.
 * @throws ENOMEM when it cannot fit and nothing is left to kill (oomKill false: no killing).
 */
export function chargeMemory(k: Kernel, cg: Cgroup, delta: number, oomKill = true): void {
  for (let c: Cgroup | null = cg; c; c = c.parent) {
    c.memCurrent += delta;
    if (c.memCurrent > c.memPeak) c.memPeak = c.memCurrent;
  }
  if (delta > 0 && oomKill) oomCheck(k, cg);
}

/**
 * Runs the OOM killer in every cgroup from cg up that is over its memory.max.
 * The root cgroup has no memory.max: there the machine's memory is the limit
 * (the global OOM killer), so a runaway process without -m dies instead of
 * taking the whole simulation with it. @throws ENOMEM
 */
export function oomCheck(k: Kernel, cg: Cgroup): void {
  for (let c: Cgroup | null = cg; c; c = c.parent) {
    const max = c.parent ? c.memMax : Math.min(c.memMax, k.memoryBytes);
    if (c.memCurrent <= max) continue;
    c.memEvents.max++;
    while (c.memCurrent > max) {
      const victim = largest(c);
      if (!victim) throw new SysError(ENOMEM);
      c.memEvents.oom++;
      c.memEvents.oomKill++;
      if (k.trace) k.emit(victim.pid, 'oom_kill', { cgroup: c.path, rss: victim.mem + PROC_BASE_BYTES });
      sendSignal(k, null, victim, SIGKILL);
    }
  }
}

function largest(c: Cgroup): Proc | undefined {
  let best: Proc | undefined;
  // the global OOM killer never picks init
  for (const p of c.allProcs()) if (p.alive && p.pid !== 1 && (!best || p.mem > best.mem)) best = p;
  return best;
}
