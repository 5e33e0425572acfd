// A kit for synthetic filesystems (procfs, cgroupfs, sysfs, devpts): the
// filesystem is described as a tree of plain specs whose directories list
// their children on demand and whose files produce their content when opened
// (as Linux's seq_file does) and handle each write(2) as one command (as
// cgroup control files do). synthFilesystem turns such a tree into a
// FilesystemType to register with Vfs.registerFilesystem.
//
//   vfs.registerFilesystem(synthFilesystem('proc', (req) => ({
//     kind: 'dir', list: () => ['self', 'uptime'],
//     get: (name) => name === 'uptime' ? { kind: 'file', read: () => '12.00 10.00\n' }
//       : name === 'self' ? { kind: 'link', target: (ctx) => String(pidOf(ctx.task)) } : undefined,
//   })));

import type { Dirent, DirentType } from '../sys.ts';
import type { FsContext } from '../vfs/node.ts';
import type { FilesystemType, MountRequest } from '../vfs/filesystem.ts';

/** A directory. Children come from `children` (fixed) and/or `list`/`get` (dynamic). */
export interface SynthDir {
  kind: 'dir';
  /** Permission bits (default 0o555). */
  mode?: number;
  uid?: number;
  gid?: number;
  /** Fixed ino (e.g. derived from a pid); otherwise allocated on first lookup. */
  ino?: number;
  children?: Record<string, SynthEntry>;
  /** Names of the dynamic children, in readdir order (after the fixed ones). */
  list?(ctx: FsContext): string[];
  /** A dynamic child, or undefined when absent. Called on every lookup. */
  get?(name: string, ctx: FsContext): SynthEntry | undefined;
  /** mkdir(2) inside (cgroupfs makes a cgroup). Absent: EPERM. @throws EEXIST, ENOSPC */
  mkdir?(name: string, mode: number, ctx: FsContext): void;
  /** rmdir(2) of a child (cgroupfs). Absent: EPERM. @throws EBUSY, ENOTEMPTY */
  rmdir?(name: string, ctx: FsContext): void;
}

/** A regular file whose content is made on open. */
export interface SynthFile {
  kind: 'file';
  /** Permission bits (default 0o444, or 0o644 when write is given). */
  mode?: number;
  uid?: number;
  gid?: number;
  ino?: number;
  /** The whole content, produced when the file is opened for reading. Absent: reads fail with EINVAL. */
  read?(ctx: FsContext): string | Uint8Array;
  /** One write(2) call's data. Throw SysError(EINVAL, ...) to refuse. Absent: EACCES on open for write. */
  write?(data: Uint8Array, ctx: FsContext): void;
}

export interface SynthLink {
  kind: 'link';
  uid?: number;
  gid?: number;
  ino?: number;
  /** The link's target for this reader (/proc/self depends on the caller). */
  target(ctx: FsContext): string;
}

export type SynthEntry = SynthDir | SynthFile | SynthLink;

export interface SynthOptions {
  /** Source shown in mountinfo (default: the type name). */
  source?: string;
  nodev?: boolean;
  /** Super options after "rw" in mountinfo (cgroup2: "nsdelegate,memory_recursiveprot"). */
  superOptions?: (req: MountRequest) => string;
  /** One superblock for all mounts of this type (sysfs is per net namespace, proc per pid namespace: return a key). */
  instanceKey?: (req: MountRequest) => unknown;
}

export function direntType(e: SynthEntry): DirentType {
  return e.kind === 'dir' ? 'dir' : e.kind === 'link' ? 'symlink' : 'file';
}

export type { Dirent };

/** Builds a FilesystemType whose root is the spec made for each mount. */
export function synthFilesystem(
  name: string, makeRoot: (req: MountRequest) => SynthDir, opts: SynthOptions = {}): FilesystemType {
  void makeRoot; void opts;
  return { name, nodev: opts.nodev ?? true, mount() { throw new Error('not implemented yet'); } };
}
