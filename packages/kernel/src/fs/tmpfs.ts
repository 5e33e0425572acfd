// tmpfs: a memfs superblock per mount, with Linux's mount options
// (size=, nr_inodes=, mode=, uid=, gid=) and their display in mountinfo.

import { EINVAL, SysError } from '../abi/errno.ts';
import type { FilesystemType, MountRequest } from '../vfs/filesystem.ts';
import { parseMountData } from '../vfs/filesystem.ts';
import { makedev } from '../vfs/dev.ts';
import { MemSuperBlock } from './memfs.ts';

/** Memory the simulated host claims, for size=N% (tmpfs percentages are of RAM). */
export const TMPFS_RAM_BYTES = 2 * 1024 * 1024 * 1024;

interface TmpfsOptions { size?: number; nrInodes?: number; mode: number; uid: number; gid: number }

/** Parses "64m", "65536k", "1g", "50%", "1048576". @throws EINVAL */
export function parseSize(v: string): number {
  const m = /^(\d+)([kKmMgGtT%]?)$/.exec(v);
  if (!m) throw new SysError(EINVAL, `tmpfs: Bad value for 'size'`);
  const n = Number(m[1]);
  switch (m[2]) {
    case 'k': case 'K': return n * 1024;
    case 'm': case 'M': return n * 1024 * 1024;
    case 'g': case 'G': return n * 1024 * 1024 * 1024;
    case 't': case 'T': return n * 1024 * 1024 * 1024 * 1024;
    case '%': return Math.floor(TMPFS_RAM_BYTES * n / 100);
    default: return n;
  }
}

function parseOptions(data: string, into: TmpfsOptions): TmpfsOptions {
  for (const [k, v] of parseMountData(data)) {
    switch (k) {
      case 'size': into.size = Math.ceil(parseSize(v) / 4096) * 4096; break;
      case 'nr_inodes': into.nrInodes = Number(v.replace(/[kmg]$/i, '')); break;
      case 'mode': if (!/^[0-7]+$/.test(v)) throw new SysError(EINVAL); into.mode = parseInt(v, 8) & 0o7777; break;
      case 'uid': if (!/^\d+$/.test(v)) throw new SysError(EINVAL); into.uid = Number(v); break;
      case 'gid': if (!/^\d+$/.test(v)) throw new SysError(EINVAL); into.gid = Number(v); break;
      case 'inode64': case 'inode32': case 'huge': case 'mpol': case 'noswap': case 'rw': case 'ro': break;
      default: throw new SysError(EINVAL, `tmpfs: Unknown parameter '${k}'`);
    }
  }
  return into;
}

function showOptions(o: TmpfsOptions): string {
  const parts: string[] = [];
  if (o.size !== undefined) parts.push(`size=${o.size / 1024}k`);
  if (o.nrInodes !== undefined) parts.push(`nr_inodes=${o.nrInodes}`);
  if (o.mode !== 0o1777) parts.push(`mode=${o.mode.toString(8).padStart(3, '0')}`);
  if (o.uid !== 0) parts.push(`uid=${o.uid}`);
  if (o.gid !== 0) parts.push(`gid=${o.gid}`);
  parts.push('inode64');
  return parts.join(',');
}

export const tmpfsType: FilesystemType = {
  name: 'tmpfs',
  nodev: true,
  mount(req: MountRequest) {
    const o = parseOptions(req.data, { mode: 0o1777, uid: 0, gid: 0 });
    const sb = new MemSuperBlock({
      fstype: 'tmpfs', source: req.source || 'none', dev: makedev(0, req.vfs.allocAnonDev()),
      clock: req.vfs.clock, limit: o.size ?? Infinity, rootMode: o.mode, rootUid: o.uid, rootGid: o.gid,
      dirSize: 'tmpfs', rootIno: 1, superOptions: () => showOptions(o),
    });
    sb.remount = (_flags: number, data: string) => {
      const next = parseOptions(data, { ...o });
      if (next.size !== undefined && next.size < sb.used) throw new SysError(EINVAL);
      Object.assign(o, next);
      sb.limit = o.size ?? Infinity;
    };
    return sb;
  },
};
