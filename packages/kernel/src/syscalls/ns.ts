// Mount and namespace system calls: mount/umount/pivot_root through the VFS
// (plus charging tmpfs pages to the mounter's memory cgroup), unshare(2) and
// setns(2).

import { EBADF, EINVAL, EPERM, SysError } from '../abi/errno.ts';
import { CLONE_NEWCGROUP, CLONE_NEWIPC, CLONE_NEWNET, CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWUSER,
  CLONE_NEWUTS, MS_BIND, MS_MOVE, MS_REMOUNT } from '../abi/flags.ts';
import type { Kernel } from '../kernel.ts';
import type { Proc } from '../process/proc.ts';
import { CLONE_NS_FLAGS, cloneFlagNames } from '../process/fork.ts';
import { getFile } from '../process/fdtable.ts';
import { chargeMemory } from '../cgroup/charge.ts';
import { NsFile } from '../ns/nsfile.ts';
import type { NsProxy } from '../ns/namespaces.ts';

export function mount(k: Kernel, p: Proc, source: string, target: string, fstype: string, flags: number, data: string): void {
  if (p.euid !== 0) throw new SysError(EPERM);
  const ns = p.fs.mountNs;
  const before = ns.mounts.length;
  k.vfs.mount(p.fs, source, target, fstype, flags, data);
  if (k.trace) k.emit(p.pid, 'mount', { source, target, fstype, flags, data });
  if (!(flags & (MS_BIND | MS_MOVE | MS_REMOUNT)) && ns.mounts.length > before) {
    const sb = ns.mounts[ns.mounts.length - 1]!.sb;
    if (fstype === 'tmpfs' && !sb.charge) {
      const cg = p.cgroup;
      sb.charge = (delta) => chargeMemory(k, cg, delta, true);
    }
  }
}

export function umount(k: Kernel, p: Proc, target: string, flags: number): void {
  if (p.euid !== 0) throw new SysError(EPERM);
  k.vfs.umount(p.fs, target, flags);
  if (k.trace) k.emit(p.pid, 'umount', { target, flags });
}

/**
 * pivot_root(2): the VFS swaps the roots; every process of the caller's pid
 * namespace (and the caller) whose root or cwd was the old root moves, as
 * Linux's chroot_fs_refs does for all processes of the mount namespace.
 */
export function pivotRoot(k: Kernel, p: Proc, newRoot: string, putOld: string): void {
  if (p.euid !== 0) throw new SysError(EPERM);
  const { from, to } = k.vfs.pivotRoot(p.fs, newRoot, putOld);
  const move = (q: Proc): void => {
    if (q.fs.mountNs !== p.fs.mountNs) return;
    if (q.fs.root.mnt === from.mnt && q.fs.root.node === from.node) q.fs.root = to;
    if (q.fs.cwd.mnt === from.mnt && q.fs.cwd.node === from.node) q.fs.cwd = to;
  };
  move(p);
  for (const q of p.pidns.procs.values()) if (q !== p) move(q);
  if (k.trace) k.emit(p.pid, 'pivot_root', { newRoot, putOld });
}

/** unshare(2): new namespaces for the caller (CLONE_NEWPID: for its future children). */
export function unshare(k: Kernel, p: Proc, flags: number): void {
  if (flags & ~CLONE_NS_FLAGS) throw new SysError(EINVAL);
  if ((flags & ~CLONE_NEWUSER) && p.euid !== 0) throw new SysError(EPERM);
  if (flags === 0) return;
  const old = p.ns;
  const fs = { ...p.fs };
  const ns = k.copyNs(p, flags, fs);
  p.fs.root = fs.root; p.fs.cwd = fs.cwd; p.fs.mountNs = fs.mountNs;
  k.getNs(ns);
  p.ns = ns;
  k.putNs(old);
  if (k.trace) k.emit(p.pid, 'unshare', { flags: cloneFlagNames(flags) });
}

const NSTYPE_FLAG: Record<string, number> = {
  mnt: CLONE_NEWNS, cgroup: CLONE_NEWCGROUP, uts: CLONE_NEWUTS, ipc: CLONE_NEWIPC, user: CLONE_NEWUSER,
  pid: CLONE_NEWPID, net: CLONE_NEWNET, time: 0x80,
};

/** setns(2): joins the namespace an open /proc/PID/ns/* file refers to. */
export function setns(k: Kernel, p: Proc, fd: number, nstype: number): void {
  const f = getFile(p, fd);
  if (!(f instanceof NsFile)) throw new SysError(EINVAL);
  if (nstype !== 0 && NSTYPE_FLAG[f.type] !== nstype) throw new SysError(EINVAL);
  if (p.euid !== 0) throw new SysError(EPERM);
  // the namespaces the fd captured when it was opened
  const t = f.ns;
  const old = p.ns;
  const ns: NsProxy = old.copy();
  switch (f.type) {
    case 'uts': ns.uts = t.uts; break;
    case 'ipc': ns.ipc = t.ipc; break;
    case 'net': ns.net = t.net; break;
    case 'user': ns.user = t.user; break;
    case 'cgroup': ns.cgroup = t.cgroup; break;
    case 'time': ns.time = t.time; break;
    case 'pid': {
      const target = f.forChildren ? t.pidChildren : f.pidns;
      // only into the caller's own namespace or one nested inside it
      if (!target.within(p.pidns)) throw new SysError(EINVAL);
      ns.pidChildren = target;
      break;
    }
    case 'mnt': {
      ns.mnt = t.mnt;
      p.fs.mountNs = ns.mnt;
      const at = k.vfs.context(ns.mnt).root;
      p.fs.root = at;
      p.fs.cwd = at;
      break;
    }
    default: throw new SysError(EBADF);
  }
  k.getNs(ns);
  p.ns = ns;
  k.putNs(old);
  if (k.trace) k.emit(p.pid, 'setns', { type: f.type, inum: f.inum, target: f.target.pid });
}
