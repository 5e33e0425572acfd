// The mounts of a new container, in the init before pivot_root: spec.mounts
// (proc, the /dev tmpfs, devpts, sysfs, cgroup2, mqueue, shm, the bind mounts
// of /etc/hostname, /etc/hosts, /etc/resolv.conf and volumes), the device
// nodes runc creates in /dev, and maskedPaths/readonlyPaths afterwards.

import {
  MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE, MS_SLAVE,
  MS_SHARED, S_IFCHR, S_IFMT, S_IFDIR, O_CREAT, O_CLOEXEC, EEXIST, ENOENT, isSysError, makedev,
} from '@dockersim/kernel';
import type { Sys } from '@dockersim/kernel';
import type { OciMount } from './spec.ts';
import { mkdirAll, goErr } from './sysio.ts';

const MS_NOATIME = 1024, MS_NODIRATIME = 2048, MS_RELATIME = 1 << 21, MS_STRICTATIME = 1 << 24;

const FLAG_OPTS: Record<string, [set: boolean, flag: number]> = {
  ro: [true, MS_RDONLY], rw: [false, MS_RDONLY], nosuid: [true, MS_NOSUID], suid: [false, MS_NOSUID],
  nodev: [true, MS_NODEV], dev: [false, MS_NODEV], noexec: [true, MS_NOEXEC], exec: [false, MS_NOEXEC],
  bind: [true, MS_BIND], rbind: [true, MS_BIND | MS_REC], noatime: [true, MS_NOATIME],
  nodiratime: [true, MS_NODIRATIME], relatime: [true, MS_RELATIME], strictatime: [true, MS_STRICTATIME],
};
const PROPAGATION: Record<string, number> = {
  private: MS_PRIVATE, rprivate: MS_PRIVATE | MS_REC, slave: MS_SLAVE, rslave: MS_SLAVE | MS_REC,
  shared: MS_SHARED, rshared: MS_SHARED | MS_REC,
};

/** mount(8)-style options split into flags, propagation and the data string. */
export function parseMountOptions(options: readonly string[] | undefined): { flags: number; propagation: number; data: string } {
  let flags = 0, propagation = 0;
  const data: string[] = [];
  if (options) for (const o of options) {
    const f = FLAG_OPTS[o];
    if (f) { flags = f[0] ? flags | f[1] : flags & ~f[1]; continue; }
    const p = PROPAGATION[o];
    if (p !== undefined) { propagation |= p; continue; }
    data.push(o);
  }
  return { flags, propagation, data: data.join(',') };
}

/** Mounts one spec mount under rootfs. Throws runc's words on failure. */
export function mountOne(sys: Sys, rootfs: string, m: OciMount): void {
  const dest = rootfs + (m.destination.startsWith('/') ? m.destination : '/' + m.destination);
  const { flags, propagation, data } = parseMountOptions(m.options);
  let type = m.type ?? '';
  const bind = (flags & MS_BIND) !== 0 || type === 'bind';
  if (type === 'cgroup') type = 'cgroup2';
  const source = m.source ?? '';
  try {
    if (bind) {
      // a file is bind-mounted onto a file, a directory onto a directory
      let srcIsDir = true;
      try { srcIsDir = (sys.stat(source).mode & S_IFMT) === S_IFDIR; } catch (e) { throw wrapMount(m, dest, e, 'stat'); }
      makeMountpoint(sys, dest, srcIsDir);
      sys.mount(source, dest, '', MS_BIND | (flags & MS_REC));
      const rest = flags & (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC);
      if (rest) sys.mount('', dest, '', MS_REMOUNT | MS_BIND | rest);
    } else {
      makeMountpoint(sys, dest, true);
      sys.mount(source, dest, type, flags & ~MS_BIND, data || undefined);
    }
    if (propagation) sys.mount('', dest, '', propagation);
  } catch (e) {
    if (e instanceof Error && e.name === 'MountError') throw e;
    throw wrapMount(m, dest, e, 'mount');
  }
}

function wrapMount(m: OciMount, dest: string, e: unknown, op: string): Error {
  const err = new Error(`error mounting ${JSON.stringify(m.source ?? '')} to rootfs at ${JSON.stringify(m.destination)}: ${op === 'stat' ? goErr(e, 'stat', m.source) : goErr(e, 'mount', dest)}`);
  err.name = 'MountError';
  return err;
}

function makeMountpoint(sys: Sys, dest: string, dir: boolean): void {
  try {
    const st = sys.stat(dest);
    void st;
    return;
  } catch (e) { if (!isSysError(e, ENOENT)) throw e; }
  if (dir) { mkdirAll(sys, dest, 0o755); return; }
  mkdirAll(sys, dest.slice(0, dest.lastIndexOf('/')) || '/', 0o755);
  sys.close(sys.open(dest, O_CREAT | O_CLOEXEC, 0o755));
}

/** The device nodes runc creates in a fresh /dev (libcontainer's AllowedDevices), and its symlinks. */
const DEFAULT_DEVICES: [name: string, major: number, minor: number][] = [
  ['null', 1, 3], ['zero', 1, 5], ['full', 1, 7], ['random', 1, 8], ['urandom', 1, 9], ['tty', 5, 0],
];
const DEV_SYMLINKS: [target: string, name: string][] = [
  ['/proc/self/fd', 'fd'], ['/proc/self/fd/0', 'stdin'], ['/proc/self/fd/1', 'stdout'],
  ['/proc/self/fd/2', 'stderr'], ['/proc/kcore', 'core'],
];

export function populateDev(sys: Sys, rootfs: string, hasPts: boolean): void {
  const dev = rootfs + '/dev';
  for (const [name, maj, min] of DEFAULT_DEVICES) {
    try { sys.mknod(`${dev}/${name}`, S_IFCHR | 0o666, makedev(maj, min)); } catch (e) { if (!isSysError(e, EEXIST)) throw e; }
  }
  for (const [target, name] of DEV_SYMLINKS) {
    try { sys.symlink(target, `${dev}/${name}`); } catch (e) { if (!isSysError(e, EEXIST)) throw e; }
  }
  if (hasPts) try { sys.symlink('pts/ptmx', `${dev}/ptmx`); } catch (e) { if (!isSysError(e, EEXIST)) throw e; }
}

/** maskedPaths: /dev/null over files, an empty read-only tmpfs over directories (after pivot_root). */
export function maskPaths(sys: Sys, paths: readonly string[] | undefined): void {
  if (!paths) return;
  for (const p of paths) {
    let st;
    try { st = sys.stat(p); } catch { continue; }
    try {
      if ((st.mode & S_IFMT) === S_IFDIR) sys.mount('tmpfs', p, 'tmpfs', MS_RDONLY);
      else sys.mount('/dev/null', p, '', MS_BIND);
    } catch { /* best effort, as runc ignores ENOENT */ }
  }
}

/** readonlyPaths: bind each onto itself, then remount read-only. */
export function readonlyPaths(sys: Sys, paths: readonly string[] | undefined): void {
  if (!paths) return;
  for (const p of paths) {
    try {
      sys.mount(p, p, '', MS_BIND | MS_REC);
      sys.mount('', p, '', MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC);
    } catch (e) { if (!isSysError(e, ENOENT)) throw new Error(`can't make ${JSON.stringify(p)} read-only: ${goErr(e)}`); }
  }
}
