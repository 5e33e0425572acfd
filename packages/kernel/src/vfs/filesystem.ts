// Filesystem types and superblocks (Linux's struct file_system_type and
// struct super_block). tmpfs, overlay, proc, cgroup2, sysfs and devpts
// register by name with Vfs.registerFilesystem; the VFS never imports them.

import type { Node, FsContext } from './node.ts';
import type { Vfs } from './vfs.ts';

/** One mounted instance of a filesystem. Several mounts (binds, namespaces) may share it. */
export interface SuperBlock {
  readonly fstype: string;
  /** st_dev of every node in it: makedev(0, n) for virtual filesystems. */
  readonly dev: number;
  /** The mount source shown in mountinfo ("tmpfs", "overlay", "/dev/vda1"). */
  readonly source: string;
  readonly root: Node;
  /** MS_RDONLY when the filesystem itself is read-only (overlay without upperdir, remount ro). */
  flags: number;
  /** Mounts using it; the VFS keeps the count and calls kill() at zero. */
  refs: number;
  /** Super options after "rw"/"ro" in mountinfo: "size=65536k,mode=755", "lowerdir=...". */
  superOptions(): string;
  /**
   * Memory accounting: called with +bytes before file data grows and -bytes
   * when it shrinks or is freed. Whoever mounts (the kernel, knowing the
   * mounting process's memory cgroup) may set it; throwing (ENOSPC/ENOMEM)
   * refuses the growth.
   */
  charge?: (deltaBytes: number) => void;
  /** Applies a remount's data string (tmpfs "size=..."). @throws EINVAL */
  remount?(flags: number, data: string): void;
  /** Frees everything once no mount uses it. */
  kill?(): void;
  /** statfs(2)-style usage, for df: sizes in bytes. */
  statfs?(): { blockSize: number; blocks: number; free: number; files: number; filesFree: number };
}

/** What a filesystem type is given to make a superblock. */
export interface MountRequest {
  readonly vfs: Vfs;
  /** The mounting process's context (overlay resolves lowerdir paths through it). */
  readonly ctx: FsContext;
  readonly source: string;
  readonly flags: number;
  /** The data argument of mount(2), "" when absent. */
  readonly data: string;
}

export interface FilesystemType {
  /** "tmpfs", "overlay", "proc", "cgroup2", "sysfs", "devpts", "mqueue". */
  readonly name: string;
  /** Shown as "nodev" in /proc/filesystems: needs no block device. */
  readonly nodev: boolean;
  /**
   * Makes (or, for single-instance types, returns) a superblock.
   * @throws EINVAL on bad data; ENOENT/ENOTDIR for bad overlay layer paths.
   */
  mount(req: MountRequest): SuperBlock;
}

/** Parses a mount data string "a=b,c" into pairs (values keep any "=" after the first). */
export function parseMountData(data: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!data) return out;
  for (const part of data.split(',')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    if (eq < 0) out.set(part, '');
    else out.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return out;
}
