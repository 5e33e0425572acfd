// The container's init before it becomes the user's program (runc's
// standard_init_linux.go): it runs in the new namespaces, joins those given
// by path, mounts the rootfs and spec.mounts, pivots into the rootfs, sets
// the hostname, user and working directory, checks that the program can be
// found, tells `runc create` it is ready, and then waits on exec.fifo until
// `runc start` lets it execve.

import {
  MS_BIND, MS_REC, MS_SLAVE, MS_REMOUNT, MS_RDONLY, MNT_DETACH, O_RDONLY, O_WRONLY, O_CLOEXEC, isSysError, goStrerror, CLONE_NEWCGROUP,
} from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';
import type { OciSpec } from './spec.ts';
import { mountOne, populateDev, maskPaths, readonlyPaths } from './mounts.ts';
import { lookPath } from './lookpath.ts';
import { goQuote } from './goformat.ts';
import { goErr } from './sysio.ts';
import { setupConsole } from './console.ts';

/** What `runc create` hands its cloned init (the memory a fork would copy). */
export interface InitArgs {
  spec: OciSpec;
  /** Absolute host path of the rootfs. */
  rootfs: string;
  /** exec.fifo in the state directory (host path, opened before pivot_root). */
  fifo: string;
  /** The init's end of the sync socket with `runc create`. */
  sync: number;
  /** The parent's end, closed in the child. */
  parentEnd: number;
  /** Namespaces to join by path (setns), pid excluded (the parent joined it). */
  join: { type: string; path: string }[];
  newMountNs: boolean;
  newUtsNs: boolean;
  /** Unshare the cgroup namespace once the parent says the init is in its cgroup. */
  newCgroupNs?: boolean;
  /** With process.terminal: the connected console socket to send the pty master on. */
  consoleSocket?: number;
}

/** Sent on the sync socket: READY, or the error text. */
export const READY = 'procReady';
/** From the parent: the init is in its cgroup; unshare the cgroup namespace now. */
export const CREATE_CGROUPNS = 'createCgroupns';
export interface InitError { error: string }

/** The body of the cloned init. Returns only on failure (255, like runc init). */
export async function containerInit(sys: Sys, a: InitArgs): Promise<number> {
  sys.close(a.parentEnd);
  const spec = a.spec;
  const proc = spec.process;
  let fifoFd = -1;
  let exe: string;
  try {
    if (a.newCgroupNs) {
      if ((await sys.recvmsg(a.sync)) !== CREATE_CGROUPNS) throw new Error('read synchronisation value failed');
      sys.unshare(CLONE_NEWCGROUP);
    }
    for (const ns of a.join) {
      let fd: number;
      try { fd = sys.open(ns.path, O_RDONLY | O_CLOEXEC); } catch (e) { throw new Error(`failed to open ${ns.path}: ${goErr(e)}`); }
      try { sys.setns(fd, 0); } catch (e) { throw new Error(`failed to setns into ${ns.type} namespace: ${goErr(e)}`); } finally { sys.close(fd); }
    }
    // the fifo is opened while its host path is still reachable
    fifoFd = sys.open(a.fifo, O_WRONLY | O_CLOEXEC);
    if (a.newMountNs) prepareRootfs(sys, a);
    else sys.chroot(a.rootfs);
    // the console is made inside the container, from its own devpts, once
    // the mounts are done and before the rootfs turns read-only
    if (proc.terminal) {
      sys.setsid();
      if (a.consoleSocket !== undefined && a.consoleSocket >= 0) await setupConsole(sys, a.consoleSocket, a.newMountNs, proc.consoleSize);
      try { sys.setctty(0); } catch (e) { throw new Error(`ioctl(setctty): ${goErr(e)}`); }
    }
    if (a.newMountNs && spec.root.readonly) sys.mount('', '/', '', MS_REMOUNT | MS_BIND | MS_RDONLY);
    if (a.newUtsNs && spec.hostname) sys.sethostname(spec.hostname);
    if (spec.linux.sysctl) await writeSysctls(sys, spec.linux.sysctl);
    if (a.newMountNs) {
      readonlyPaths(sys, spec.linux.readonlyPaths);
      maskPaths(sys, spec.linux.maskedPaths);
    }
    const u = proc.user;
    try {
      sys.setgroups(u.additionalGids ?? []);
      sys.setgid(u.gid);
      sys.setuid(u.uid);
    } catch (e) { throw new Error(`failed to set user: ${goErr(e)}`); }
    if (u.umask !== undefined) sys.umask(u.umask);
    try { sys.chdir(proc.cwd || '/'); } catch (e) {
      throw new Error(`chdir to cwd (${goQuote(proc.cwd)}) set in config.json failed: ${isSysError(e) ? goStrerror(e.errno) : goErr(e)}`);
    }
    if (proc.args.length === 0) throw new Error('args must not be empty');
    exe = lookPath(sys, proc.args[0]!, proc.env);
  } catch (e) {
    const msg: InitError = { error: e instanceof Error ? e.message : String(e) };
    try { await sys.sendmsg(a.sync, msg); } catch { /* the parent is gone */ }
    return 255;
  }
  await sys.sendmsg(a.sync, READY);
  sys.close(a.sync);
  // exec.fifo: writing blocks until `runc start` opens it for reading
  try { await sys.write(fifoFd, '0'); } catch (e) {
    await sys.write(2, `write exec fifo: ${goErr(e)}\n`).catch(() => 0);
    return 255;
  }
  sys.close(fifoFd);
  try {
    return await sys.execve(exe, proc.args, proc.env);
  } catch (e) {
    await sys.write(2, `exec ${exe}: ${goErr(e)}\n`).catch(() => 0);
    return 255;
  }
}

/** prepareRoot + mounts + pivot_root (rootfs_linux.go); finalizeRootfs (read-only) comes after the console. */
function prepareRootfs(sys: Sys, a: InitArgs): void {
  const rootfs = a.rootfs;
  const spec = a.spec;
  sys.mount('', '/', '', MS_SLAVE | MS_REC);
  // the rootfs must be a mount point for pivot_root
  sys.mount(rootfs, rootfs, '', MS_BIND | MS_REC);
  let hasDevTmpfs = false, hasPts = false;
  for (const m of spec.mounts) {
    mountOne(sys, rootfs, m);
    if (m.destination === '/dev' && m.type === 'tmpfs') hasDevTmpfs = true;
    else if (m.destination === '/dev/pts') hasPts = true;
  }
  if (hasDevTmpfs) populateDev(sys, rootfs, hasPts);
  sys.chdir(rootfs);
  try {
    sys.pivot_root('.', '.');
    sys.umount('.', MNT_DETACH);
  } catch (e) { throw new Error(`error jailing process inside rootfs: ${goErr(e, 'pivot_root', '.')}`); }
  sys.chdir('/');
}

async function writeSysctls(sys: Sys, sysctl: Record<string, string>): Promise<void> {
  for (const k of Object.keys(sysctl)) {
    const path = '/proc/sys/' + k.replace(/\./g, '/');
    const fd = sys.open(path, 1 | O_CLOEXEC);
    try { await sys.write(fd, sysctl[k]!); } finally { sys.close(fd); }
  }
}
