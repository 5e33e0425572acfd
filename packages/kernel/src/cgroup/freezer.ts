// The cgroup v2 freezer (cgroup.freeze, kernel/cgroup/freezer.c): writing 1
// freezes every process in the cgroup and below; a frozen process runs
// nothing until thawed. Its blocked calls that complete meanwhile, its
// sched_yield turns and its pending signals wait, as for a stopped process,
// except SIGKILL, which still kills. A process joining a frozen cgroup
// freezes too. cgroup.events shows "frozen 1" once the subtree is frozen.

import type { Kernel } from '../kernel.ts';
import type { Proc } from '../process/proc.ts';
import type { Cgroup } from './cgroup.ts';
import { sendSignal } from '../process/signal.ts';

/** Whether cg or an ancestor has cgroup.freeze set. */
export function frozenAt(cg: Cgroup): boolean {
  for (let c: Cgroup | null = cg; c; c = c.parent) if (c.freeze) return true;
  return false;
}

/** A write of "0" or "1" to cgroup.freeze. */
export function setFreeze(k: Kernel, cg: Cgroup, on: boolean): void {
  if (cg.freeze === on) return;
  cg.freeze = on;
  if (k.trace) k.emit(0, on ? 'cgroup_freeze' : 'cgroup_thaw', { path: cg.path });
  for (const p of [...cg.allProcs()]) {
    if (on) p.frozen = true;
    else if (p.frozen && !frozenAt(p.cgroup)) thaw(k, p);
  }
}

function thaw(k: Kernel, p: Proc): void {
  p.frozen = false;
  if (!p.alive || p.state === 'T') return;
  // signals that arrived while frozen are delivered now, then held wake-ups run
  const pend = p.sigpend;
  p.sigpend = 0;
  for (let sig = 1; sig < 32 && p.alive; sig++) if (pend & (1 << sig)) sendSignal(k, null, p, sig);
  if (!p.alive) return;
  const d = p.takeDeferred();
  if (d) for (const fn of d) fn();
}
