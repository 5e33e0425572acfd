// This file implements clone(2) (Linux's copy_process): the child gets a copy
// of the parent's fd table (sharing open file descriptions), cwd and root,
// umask, credentials and signal dispositions, starts in the parent's cgroup
// and process group, and gets new namespaces for each CLONE_NEW* flag.

import { ENOMEM, EINVAL, EPERM, SysError } from '../abi/errno.ts';
import { CLONE_NEWCGROUP, CLONE_NEWIPC, CLONE_NEWNET, CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWUSER,
  CLONE_NEWUTS } from '../abi/flags.ts';
import type { Kernel } from '../kernel.ts';
import { Proc } from './proc.ts';
import type { PidNs } from './pidns.ts';
import { copyFds } from './fdtable.ts';
import { attach, checkPids } from '../cgroup/charge.ts';
import type { NsProxy } from '../ns/namespaces.ts';

export const CLONE_NS_FLAGS = CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER
  | CLONE_NEWPID | CLONE_NEWNET;

/** Names of CLONE_NEW* flags set in flags, for traces. */
export function cloneFlagNames(flags: number): string[] {
  const out: string[] = [];
  if (flags & CLONE_NEWNS) out.push('CLONE_NEWNS');
  if (flags & CLONE_NEWCGROUP) out.push('CLONE_NEWCGROUP');
  if (flags & CLONE_NEWUTS) out.push('CLONE_NEWUTS');
  if (flags & CLONE_NEWIPC) out.push('CLONE_NEWIPC');
  if (flags & CLONE_NEWUSER) out.push('CLONE_NEWUSER');
  if (flags & CLONE_NEWPID) out.push('CLONE_NEWPID');
  if (flags & CLONE_NEWNET) out.push('CLONE_NEWNET');
  return out;
}

/** Makes the child process (not yet running). @throws EAGAIN at pids.max, ENOMEM in a dead pid ns, EPERM without root */
export function copyProcess(k: Kernel, parent: Proc, flags: number, comm?: string): Proc {
  if (flags & ~CLONE_NS_FLAGS) throw new SysError(EINVAL);
  if ((flags & CLONE_NS_FLAGS & ~CLONE_NEWUSER) && parent.euid !== 0) throw new SysError(EPERM);
  checkPids(parent.cgroup);
  if (parent.ns.pidChildren.dead) throw new SysError(ENOMEM);
  const fs = { ...parent.fs };
  const ns: NsProxy = flags & CLONE_NS_FLAGS ? k.copyNs(parent, flags, fs) : parent.ns;
  const pidns = ns.pidChildren;
  const nspids = allocPids(pidns);
  k.getNs(ns);
  const c = new Proc(k, nspids, pidns, fs, ns, parent.cgroup, comm ?? parent.comm);
  fs.task = c;
  if (!pidns.init) pidns.init = c;
  c.uid = parent.uid; c.euid = parent.euid; c.suid = parent.suid;
  c.gid = parent.gid; c.egid = parent.egid; c.sgid = parent.sgid;
  c.groups = parent.groups;
  c.caps = parent.caps;
  c.oomScoreAdj = parent.oomScoreAdj;
  c.argv = parent.argv; c.env = parent.env; c.exe = parent.exe;
  c.actions = parent.actions ? parent.actions.slice() : null;
  c.sigRestart = parent.sigRestart;
  copyFds(parent, c);
  c.pgrp = parent.pgrp;
  c.pgrp.members.add(c);
  c.parent = parent;
  (parent.children ??= new Set()).add(c);
  for (let n: PidNs | null = pidns; n; n = n.parent) n.procs.set(nspids[n.level]!, c);
  attach(k, c, parent.cgroup);
  k.forks++;
  if (k.trace) {
    k.emit(parent.pid, 'clone', { child: c.pid, flags: cloneFlagNames(flags), nspid: nspids.slice() });
  }
  return c;
}

/** One pid per level, host first. */
export function allocPids(ns: PidNs): number[] {
  const out = new Array<number>(ns.level + 1);
  for (let n: PidNs | null = ns; n; n = n.parent) {
    const id = n.alloc();
    if (id < 0) throw new SysError(11 /* EAGAIN */);
    out[n.level] = id;
  }
  return out;
}
