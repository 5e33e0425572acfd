// The inode interface every filesystem implements (Linux's struct inode with
// its inode_operations and file_operations folded together), and the context
// a path operation runs in.
//
// The VFS does all checks that do not depend on the filesystem (permissions,
// EROFS, mount crossing, name validity, the file-type rules of rename/rmdir/
// unlink) before calling a node; a node only checks what it alone knows
// (ENOTEMPTY, ENOSPC) and performs the change.

import type { Dirent } from '../sys.ts';
import type { OpenFile } from './file.ts';
import type { SuperBlock } from './filesystem.ts';
import type { Mount, MountNamespace } from './mount.ts';

/** Attribute changes for Node.setattr; absent fields stay. ctime is the node's to update. */
export interface NodeAttr {
  mode?: number;   // permission bits only (07777); the type bits never change
  uid?: number;
  gid?: number;
  atime?: number;
  mtime?: number;
}

export interface Node {
  readonly sb: SuperBlock;
  /** st_ino: unique within sb, stable for the node's life. */
  readonly ino: number;
  /** st_mode: S_IF* type bits | permission bits. */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly nlink: number;
  /** st_rdev for device nodes, else 0. */
  readonly rdev: number;
  /** st_size: bytes of a file, length of a symlink's target, fs-specific for directories. */
  readonly size: number;
  readonly atime: number;
  readonly mtime: number;
  readonly ctime: number;
  /**
   * The directory holding this node (a root holds itself); for a file with
   * several hard links, the directory of its first name. Used for "..",
   * getcwd and mountinfo.
   */
  readonly parent: Node;
  /** Name in parent ("" for a root). */
  readonly name: string;
  /** Count of mounts (in any namespace) that use this node as their mount point. */
  mounted: number;

  // --- directories (absent or throwing ENOTDIR on other nodes) ---
  /** The child called name, or undefined. name is never "", "." or "..". */
  lookup?(name: string, ctx: FsContext): Node | undefined;
  /** Entries without "." and "..", in the filesystem's order. */
  readdir?(ctx: FsContext): Dirent[];
  /**
   * Creates a non-directory: S_IFREG, S_IFCHR, S_IFBLK, S_IFIFO or S_IFSOCK
   * (mode carries the type). The name is known to be absent.
   * @throws ENOSPC when the filesystem is full; EPERM if it cannot hold such nodes.
   */
  create?(name: string, mode: number, rdev: number, uid: number, gid: number): Node;
  /** @throws ENOSPC; EPERM where directories cannot be made (procfs). */
  mkdir?(name: string, mode: number, uid: number, gid: number, ctx?: FsContext): Node;
  symlink?(name: string, target: string, uid: number, gid: number): Node;
  /** Adds a name for an existing non-directory of the same superblock. */
  link?(name: string, target: Node): void;
  /** Removes a non-directory's name (the VFS checked its type). */
  unlink?(name: string): void;
  /** @throws ENOTEMPTY when the directory has entries. */
  rmdir?(name: string, ctx?: FsContext): void;
  /**
   * Moves oldName to newDir/newName (same superblock), replacing what is
   * there; the VFS checked that the kinds match (dir over empty-checked dir,
   * non-dir over non-dir) and that a directory does not move into itself.
   * @throws ENOTEMPTY when replacing a non-empty directory; EXDEV when this
   * filesystem cannot do it (overlay: a directory that exists in a lower layer).
   */
  rename?(oldName: string, newDir: Node, newName: string): void;

  // --- symlinks ---
  readlink?(ctx: FsContext): string;

  // --- regular files (data) ---
  /** Copies up to n bytes at pos (fewer at the end; empty at or past EOF). */
  read?(pos: number, n: number): Uint8Array;
  /** Writes data at pos, growing the file. @throws ENOSPC, EFBIG */
  write?(pos: number, data: Uint8Array): void;
  /** @throws ENOSPC */
  truncate?(length: number): void;
  /**
   * Files whose content is made on demand (procfs, cgroupfs) return their own
   * open file description; the VFS then uses it instead of its own.
   */
  open?(ctx: FsContext, flags: number): OpenFile;

  // --- all ---
  setattr(attr: NodeAttr): void;
  /**
   * Called before the node is opened for writing (overlay copies the file up
   * to its upper layer here, as Linux does at open time).
   */
  prepareWrite?(): void;
  /** Extended attributes (overlay's "trusted.overlay.opaque"); undefined when absent. */
  getxattr?(name: string): string | undefined;
  setxattr?(name: string, value: string | undefined): void;
  listxattr?(): string[];
}

/** A place in the mount tree: a node as seen through a mount (Linux's struct path). */
export interface Location {
  readonly mnt: Mount;
  readonly node: Node;
}

/** Credentials a filesystem operation is checked against (fsuid/fsgid). */
export interface Cred {
  uid: number;
  gid: number;
  groups: readonly number[];
}

/** What a process brings to a path operation (Linux's fs_struct + cred + mnt_ns). */
export interface FsContext {
  /** chroot(2) directory: ".." stops here and absolute paths start here. */
  root: Location;
  /** Current directory: relative paths start here. */
  cwd: Location;
  mountNs: MountNamespace;
  cred: Cred;
  umask: number;
  /** The calling process, opaque to the VFS; synthetic filesystems (procfs "self") read it. */
  task?: unknown;
}
