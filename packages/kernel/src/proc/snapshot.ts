// Plain-data views of processes for the host (the world's panels, tests).

import type { Kernel } from '../kernel.ts';
import type { Proc } from '../process/proc.ts';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  sid: number;
  comm: string;
  argv: string[];
  state: string;
  uid: number;
  gid: number;
  /** Pids from the host's namespace down to the process's own. */
  nspid: number[];
  cgroup: string;
  /** Uptime (ms) at start. */
  start: number;
  cpuMs: number;
  memBytes: number;
  tty: string | null;
}

export function info(p: Proc): ProcessInfo {
  return {
    pid: p.pid, ppid: p.parent ? p.parent.pid : 0, pgid: p.pgrp.id, sid: p.pgrp.session.leaderPid,
    comm: p.comm, argv: p.argv.slice(), state: p.state, uid: p.uid, gid: p.gid, nspid: p.nspids.slice(),
    cgroup: p.cgroup.path, start: p.start, cpuMs: p.cpu, memBytes: p.mem, tty: p.pgrp.session.tty?.name ?? null,
  };
}

export function snapshot(k: Kernel): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const p of k.hostPidNs.procs.values()) out.push(info(p));
  out.sort((a, b) => a.pid - b.pid);
  return out;
}
