// The scheduler. Programs run as promise chains: whatever is runnable runs
// within one host macrotask, and a blocked call resumes synchronously inside
// whatever woke it. Only sched_yield(2) crosses macrotasks: it queues its
// process, and the next round (after the host's yield) resumes every queued
// process, charging each a quantum of CPU time, so an endless shell loop
// cannot freeze the page and cpu.max throttling applies. When nothing is
// runnable, the virtual clock jumps to the next timer.

import type { Kernel } from '../kernel.ts';
import type { Proc } from '../process/proc.ts';
import type { Cgroup } from '../cgroup/cgroup.ts';
import { MAX } from '../cgroup/cgroup.ts';
import { sleepOn } from './wait.ts';
import { deliverPending } from '../process/signal.ts';

export class RunQueue {
  private _q: Proc[] = [];
  get length(): number { return this._q.length; }
  push(p: Proc): void { this._q.push(p); }
  take(): Proc[] { const q = this._q; this._q = []; return q; }
}

/** sched_yield(2): queue p for the next round and charge it a quantum. */
export function schedYield(k: Kernel, p: Proc): Promise<void> {
  return new Promise<void>((resolve) => {
    p.yieldResume = resolve;
    k.runq.push(p);
  });
}

/**
 * One round: resumes the queued processes, after moving the clock by the CPU
 * time they use (quantum × processes / CPUs). Returns how many resumed.
 */
export function runRound(k: Kernel): number {
  const q = k.runq.take();
  if (q.length === 0) return 0;
  const quantum = k.quantum;
  k.clock.advanceTo(k.clock.now + quantum * Math.ceil(q.length / k.ncpu));
  let n = 0;
  for (const p of q) {
    const resume = p.yieldResume;
    if (!resume || !p.alive) continue;
    p.yieldResume = null;
    p.cpu += quantum;
    const until = throttle(k, p.cgroup, quantum);
    if (until > 0) {
      // already charged: it resumes when the next period starts
      k.clock.at(until, () => {
        if (!p.alive) return;
        if (p.state === 'T' || p.frozen) p.deferWake(resume); else resume();
      });
      n++;
      continue;
    }
    if (p.state === 'T' || p.frozen) { p.deferWake(resume); continue; }
    if (p.sigpend) deliverPending(k, p);
    if (!p.alive) continue;
    resume();
    n++;
  }
  return n;
}

/**
 * Charges quantum ms to the cgroup chain (cpu.stat). When a cpu.max quota is
 * used up in its period, returns the uptime at which the period ends (the
 * process waits for it), else 0.
 */
function throttle(k: Kernel, cg: Cgroup, quantum: number): number {
  const us = quantum * 1000;
  const now = k.clock.now;
  let until = 0;
  let limiter: Cgroup | null = null;
  for (let c: Cgroup | null = cg; c; c = c.parent) {
    const s = c.cpuState();
    s.usageUs += us;
    if (s.quota === MAX) continue;
    const periodMs = s.period / 1000;
    if (now >= s.periodStart + periodMs) {
      s.periodStart = now - ((now - s.periodStart) % periodMs);
      s.periodUsage = 0;
      s.nrPeriods++;
    }
    s.periodUsage += us;
    if (s.periodUsage >= s.quota) {
      const end = s.periodStart + periodMs;
      if (end > until) { until = end; limiter = c; }
    }
  }
  if (!limiter) return 0;
  const s = limiter.cpuState();
  s.nrThrottled++;
  s.throttledUs += (until - now) * 1000;
  return until;
}

/** nanosleep(2): an interruptible sleep of ms virtual milliseconds. */
export function sleepFor(k: Kernel, p: Proc, ms: number): Promise<void> {
  return sleepOn(p, null, true, k.clock.now + Math.max(0, ms), false);
}
