// The cgroup v2 hierarchy and its controllers' accounting (memory, pids,
// cpu). Every process is in exactly one cgroup; a child starts in its
// parent's. Charges go up the tree, so a limit anywhere above a process
// applies to it, as in Linux. The files of cgroupfs (cgroupfs.ts) read and
// write these fields.

import type { Proc } from '../process/proc.ts';
import { WaitQueue } from '../sched/wait.ts';

export const MAX = Infinity;

/** Charge for a process itself (task struct, stack, page tables) against memory.current. */
export const PROC_BASE_BYTES = 256 * 1024;

export interface CpuState {
  /** cpu.max quota in µs per period (Infinity: max). */
  quota: number;
  period: number;
  usageUs: number;
  nrPeriods: number;
  nrThrottled: number;
  throttledUs: number;
  /** Start (uptime ms) of the period being charged, and the usage in it (µs). */
  periodStart: number;
  periodUsage: number;
  /** Processes waiting for the next period (throttled). */
  throttled: WaitQueue | null;
}

export interface MemEvents { low: number; high: number; max: number; oom: number; oomKill: number; oomGroupKill: number }

export class Cgroup {
  children: Map<string, Cgroup> | null = null;
  readonly procs = new Set<Proc>();
  /** Processes in this cgroup and below (cgroup.events populated). */
  populated = 0;
  /** Controllers enabled for children (cgroup.subtree_control). */
  subtreeControl: string[] = [];

  memMax = MAX;
  memHigh = MAX;
  memCurrent = 0;
  memPeak = 0;
  private _memEvents: MemEvents | null = null;
  /** memory.events counters (made on first use). */
  get memEvents(): MemEvents { return this._memEvents ??= { low: 0, high: 0, max: 0, oom: 0, oomKill: 0, oomGroupKill: 0 }; }
  swapMax = MAX;
  pidsMax = MAX;
  pidsCurrent = 0;
  pidsEventsMax = 0;
  cpu: CpuState | null = null;
  cpuWeight = 100;
  /** cgroup.freeze (freezer.ts) */
  freeze = false;
  /** Inode number in cgroupfs (and the cgroup id). */
  readonly id: number;

  constructor(readonly name: string, readonly parent: Cgroup | null, id: number) {
    this.id = id;
  }

  /** "/docker/abc" relative to the hierarchy's root ("/" for the root). */
  get path(): string {
    if (!this.parent) return '/';
    const p = this.parent.path;
    return p === '/' ? '/' + this.name : p + '/' + this.name;
  }

  /** The path relative to a cgroup-namespace root (Linux prints "/.." steps when outside it). */
  pathFrom(root: Cgroup): string {
    const mine = this.path, base = root.path;
    if (base === '/') return mine;
    if (mine === base) return '/';
    if (mine.startsWith(base + '/')) return mine.slice(base.length);
    // outside the namespace root: go up from root until a common ancestor
    let up = '';
    let r: Cgroup | null = root;
    while (r && !(mine === r.path || mine.startsWith(r.path === '/' ? '/' : r.path + '/'))) { up += '/..'; r = r.parent; }
    const rest = r && r.path !== '/' ? mine.slice(r.path.length) : mine;
    return up + (rest === '/' ? '' : rest);
  }

  child(name: string): Cgroup | undefined { return this.children?.get(name); }

  get depth(): number { let d = 0; for (let c = this.parent; c; c = c.parent) d++; return d; }

  cpuState(): CpuState {
    return this.cpu ??= { quota: MAX, period: 100000, usageUs: 0, nrPeriods: 0, nrThrottled: 0,
      throttledUs: 0, periodStart: 0, periodUsage: 0, throttled: null };
  }

  /** Every process in this cgroup and its descendants. */
  *allProcs(): Generator<Proc> {
    yield* this.procs;
    if (this.children) for (const c of this.children.values()) yield* c.allProcs();
  }
}
