// Namespaces other than pid and mount: uts, ipc, net, user, cgroup, time.
// Each has an inode number, as Linux's proc_ns_operations give one: the
// initial ones are fixed (include/linux/proc_ns.h), later ones come from one
// counter, so /proc/PID/ns/* reads like a real host's ("uts:[4026531838]").
// A process reaches its namespaces through an NsProxy shared by every
// process that has the same set, copied on clone/unshare with CLONE_NEW*.

import type { MountNamespace } from '../vfs/mount.ts';
import type { PidNs } from '../process/pidns.ts';
import type { Cgroup } from '../cgroup/cgroup.ts';

export const PROC_IPC_INIT_INO = 4026531839, PROC_UTS_INIT_INO = 4026531838,
  PROC_USER_INIT_INO = 4026531837, PROC_PID_INIT_INO = 4026531836,
  PROC_CGROUP_INIT_INO = 4026531835, PROC_TIME_INIT_INO = 4026531834;
/** The first dynamically allocated ns inode: the initial net ns takes it, then the initial mnt ns. */
export const PROC_DYNAMIC_FIRST_INO = 4026531840;
/** Where later namespaces start (the kernel's own early allocations fill the gap). */
export const PROC_DYNAMIC_LATER_INO = 4026532160;

export type NsType = 'cgroup' | 'ipc' | 'mnt' | 'net' | 'pid' | 'time' | 'user' | 'uts';

export class UtsNs {
  refs = 0;
  constructor(readonly inum: number, public hostname: string, public domainname = '(none)') {}
}

export class IpcNs {
  refs = 0;
  constructor(readonly inum: number) {}
}

import type { NetNs } from '../net/netns.ts';
export { NetNs, NetDev } from '../net/netns.ts';

export class UserNs {
  refs = 0;
  /** Identity map "0 0 4294967295" (uid_map lines) until written. */
  uidMap = '         0          0 4294967295\n';
  gidMap = '         0          0 4294967295\n';
  constructor(readonly inum: number, readonly parent: UserNs | null, readonly owner: number) {}
}

export class CgroupNs {
  refs = 0;
  constructor(readonly inum: number, readonly root: Cgroup) {}
}

export class TimeNs {
  refs = 0;
  constructor(readonly inum: number) {}
}

/** The namespaces of a process (Linux's struct nsproxy plus user and pid). */
export class NsProxy {
  refs = 0;
  constructor(
    public uts: UtsNs,
    public ipc: IpcNs,
    public mnt: MountNamespace,
    public net: NetNs,
    public cgroup: CgroupNs,
    public user: UserNs,
    public time: TimeNs,
    /** Where children are born (pid_for_children). */
    public pidChildren: PidNs,
  ) {}

  copy(): NsProxy {
    return new NsProxy(this.uts, this.ipc, this.mnt, this.net, this.cgroup, this.user, this.time, this.pidChildren);
  }
}
