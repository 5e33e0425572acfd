// nsfs: what opening /proc/PID/ns/TYPE gives (an fd setns(2) accepts). The
// procfs entries are magic links; the kernel recognises them when the VFS
// cannot follow their "type:[inode]" text.

import { EBADF, EINVAL, ESPIPE, SysError } from '../abi/errno.ts';
import { O_RDONLY } from '../abi/flags.ts';
import type { Stat } from '../sys.ts';
import type { FileKind, OpenFile } from '../vfs/file.ts';
import type { Kernel } from '../kernel.ts';
import type { Proc } from '../process/proc.ts';
import type { NsProxy, NsType } from './namespaces.ts';
import type { PidNs } from '../process/pidns.ts';
import { procNsOf } from '../proc/procfs.ts';

export class NsFile implements OpenFile {
  readonly kind: FileKind = 'proc';
  refs = 0;
  flags = O_RDONLY;
  /**
   * The namespaces as they were when the file was opened: the fd names those,
   * whatever the process does later (setns back through a saved fd returns
   * to where it was), and keeps them alive while it is open, as nsfs does.
   */
  readonly ns: NsProxy;
  readonly pidns: PidNs;
  constructor(private readonly k: Kernel, readonly type: NsType, readonly target: Proc, readonly inum: number, readonly forChildren: boolean) {
    this.ns = target.ns;
    this.pidns = target.pidns;
    k.getNs(this.ns);
  }
  read(): Uint8Array { throw new SysError(EINVAL); }
  write(): number { throw new SysError(EBADF); }
  stat(): Stat {
    return { dev: 4, ino: this.inum, mode: 0o100444, nlink: 1, uid: 0, gid: 0, rdev: 0, size: 0, blocks: 0,
      atimeMs: 0, mtimeMs: 0, ctimeMs: 0 };
  }
  seek(): number { throw new SysError(ESPIPE); }
  release(): void { this.k.putNs(this.ns); }
}

const NS_TYPES = new Set(['cgroup', 'ipc', 'mnt', 'net', 'pid', 'pid_for_children', 'time', 'time_for_children', 'user', 'uts']);

/** The namespace file for a path naming /proc/PID/ns/TYPE, else undefined. */
export function openNsLink(k: Kernel, p: Proc, path: string): NsFile | undefined {
  let loc;
  try { loc = k.vfs.resolve(p.fs, path, false); } catch { return undefined; }
  const node = loc.node;
  if (loc.mnt.sb.fstype !== 'proc' || !NS_TYPES.has(node.name) || node.parent.name !== 'ns') return undefined;
  const dir = node.parent.parent.name;
  const pidns = procNsOf(loc.mnt.sb);
  if (!pidns) return undefined;
  const pid = dir === 'self' ? 0 : Number(dir);
  const target = pid === 0 ? p : pidns.procs.get(pid);
  if (!target || !target.alive) return undefined;
  const name = node.name;
  const forChildren = name.endsWith('_for_children');
  const type = (forChildren ? name.slice(0, name.indexOf('_')) : name) as NsType;
  return new NsFile(k, type, target, k.nsInum(target, type, forChildren), forChildren);
}
