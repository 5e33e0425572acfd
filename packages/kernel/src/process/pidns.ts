// PID namespaces (Linux's struct pid_namespace). A process has one pid per
// level, from the initial namespace (level 0, the host's pids) down to the
// namespace it lives in; each namespace numbers its members from 1, and its
// first process is its init (child reaper). Process groups and sessions are
// registered by the pid of their leader, so their ids stay reserved while
// they exist, as struct pid's refcount keeps them in Linux.

import type { Proc } from './proc.ts';
import type { Pgrp } from './group.ts';

export const PID_MAX_DEFAULT = 4194304;

export class PidNs {
  readonly level: number;
  /** Members by their pid in this namespace (including those of nested namespaces). */
  readonly procs = new Map<number, Proc>();
  /** Process groups by id in this namespace (made with the first). */
  private _pgrps: Map<number, Pgrp> | null = null;
  get pgrps(): Map<number, Pgrp> { return this._pgrps ??= new Map(); }
  hasPgrp(id: number): boolean { return this._pgrps !== null && this._pgrps.has(id); }
  init: Proc | null = null;
  /** Set once init exits: no more forks (ENOMEM, as alloc_pid refuses). */
  dead = false;
  /** Number of processes born here ever (the first is init). */
  private _last = 0;

  constructor(readonly inum: number, readonly parent: PidNs | null, public pidMax = PID_MAX_DEFAULT) {
    this.level = parent ? parent.level + 1 : 0;
  }

  /** Next free pid, cyclically (idr_alloc_cyclic from last+1, wrapping to 2... at pid_max). */
  alloc(): number {
    let n = this._last;
    for (let tries = 0; tries < this.pidMax; tries++) {
      n = n + 1 >= this.pidMax ? (this.parent ? 2 : 300) : n + 1;
      if (!this.procs.has(n) && !this.hasPgrp(n)) { this._last = n; return n; }
    }
    return -1;
  }

  /** True when this namespace is ns or nested inside it. */
  within(ns: PidNs): boolean {
    let s: PidNs | null = this;
    while (s && s.level > ns.level) s = s.parent;
    return s === ns;
  }
}

/** The number a pid (one per level, `nspids`, of a process living in `home`) has in ns, or 0 if not visible. */
export function pidIn(ns: PidNs, nspids: readonly number[], home: PidNs): number {
  if (ns.level >= nspids.length) return 0;
  return home.within(ns) ? nspids[ns.level]! : 0;
}
