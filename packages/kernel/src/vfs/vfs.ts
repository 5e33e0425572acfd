// The virtual filesystem switch: path operations of system calls, checked and
// dispatched to the filesystem that holds each node. Every call takes the
// caller's FsContext (root, cwd, mount namespace, credentials, umask) and
// fails by throwing SysError with Linux's errno.
//
// Implementation is spread over: resolve.ts (path walk), permission.ts,
// mount-ops.ts (mount/umount/pivot_root), node-file.ts (open file of a node).

import type { Stat, Dirent } from '../sys.ts';
import type { OpenFile } from './file.ts';
import type { FilesystemType, SuperBlock } from './filesystem.ts';
import type { FsContext, Location, Node, Cred } from './node.ts';
import { Mount, MountNamespace } from './mount.ts';
import { DeviceRegistry } from './dev.ts';

export interface VfsOptions {
  /** Virtual wall clock, ms since the epoch: timestamps of nodes. */
  clock: () => number;
}

/** Opens a FIFO node: the kernel's pipe layer keeps one pipe per node. */
export type FifoOpener = (node: Node, flags: number, ctx: FsContext) => OpenFile;

export class Vfs {
  readonly clock: () => number;
  /** Character devices (/dev/null, ttys, ptys): filled by the kernel's drivers. */
  readonly devices = new DeviceRegistry();
  /** Opens named pipes (mknod S_IFIFO nodes); set by the kernel's pipe layer. */
  fifoOpener: FifoOpener | undefined;
  private readonly _types = new Map<string, FilesystemType>();
  private _mountId = 20;
  private _anonMinor = 0;

  constructor(opts: VfsOptions) {
    this.clock = opts.clock;
  }

  // --- registries ---

  registerFilesystem(t: FilesystemType): void { this._types.set(t.name, t); }
  filesystemType(name: string): FilesystemType | undefined { return this._types.get(name); }
  /** Registered types in registration order (for /proc/filesystems). */
  filesystems(): FilesystemType[] { return [...this._types.values()]; }
  /** A fresh anonymous device number makedev(0, n) for a virtual superblock. */
  allocAnonDev(): number { return ++this._anonMinor; }
  /** A fresh mount id. */
  newMountId(): number { return ++this._mountId; }

  // --- namespaces and contexts ---

  /** The initial mount namespace with sb as its root filesystem ("/"). */
  createNamespace(sb: SuperBlock, flags = 0): MountNamespace {
    sb.refs++;
    const m = new Mount(this.newMountId(), sb, sb.root, '/', flags);
    return new MountNamespace(m, () => this.newMountId());
  }

  /** A context at the namespace's root with the given credentials (root by default). */
  context(ns: MountNamespace, cred: Cred = { uid: 0, gid: 0, groups: [] }, umask = 0o022): FsContext {
    const loc: Location = { mnt: ns.root, node: ns.root.root };
    const top = ns.down(loc.mnt, loc.node);
    const at: Location = top === loc.mnt ? loc : { mnt: top, node: top.root };
    return { root: at, cwd: at, mountNs: ns, cred, umask };
  }

  // --- path operations (system calls) ---

  /** open(2). Device nodes open through `devices`, FIFOs through `fifoOpener`. */
  open(ctx: FsContext, path: string, flags: number, mode = 0o666): OpenFile { return todo(ctx, path, flags, mode); }
  stat(ctx: FsContext, path: string): Stat { return todo(ctx, path); }
  lstat(ctx: FsContext, path: string): Stat { return todo(ctx, path); }
  /** access(2): checks with the real ids the caller passes in ctx.cred. */
  access(ctx: FsContext, path: string, mode: number): void { todo(ctx, path, mode); }
  readdir(ctx: FsContext, path: string): Dirent[] { return todo(ctx, path); }
  mkdir(ctx: FsContext, path: string, mode = 0o777): void { todo(ctx, path, mode); }
  rmdir(ctx: FsContext, path: string): void { todo(ctx, path); }
  unlink(ctx: FsContext, path: string): void { todo(ctx, path); }
  rename(ctx: FsContext, from: string, to: string): void { todo(ctx, from, to); }
  link(ctx: FsContext, existing: string, newPath: string): void { todo(ctx, existing, newPath); }
  symlink(ctx: FsContext, target: string, path: string): void { todo(ctx, target, path); }
  readlink(ctx: FsContext, path: string): string { return todo(ctx, path); }
  chmod(ctx: FsContext, path: string, mode: number): void { todo(ctx, path, mode); }
  /** chown(2); -1 leaves a field. */
  chown(ctx: FsContext, path: string, uid: number, gid: number): void { todo(ctx, path, uid, gid); }
  lchown(ctx: FsContext, path: string, uid: number, gid: number): void { todo(ctx, path, uid, gid); }
  truncate(ctx: FsContext, path: string, length: number): void { todo(ctx, path, length); }
  utimes(ctx: FsContext, path: string, atimeMs: number, mtimeMs: number): void { todo(ctx, path, atimeMs, mtimeMs); }
  /** mknod(2): S_IFREG, S_IFIFO, S_IFSOCK, S_IFCHR/S_IFBLK (root only). Returns the new node (bind(2) of AF_UNIX keys on it). */
  mknod(ctx: FsContext, path: string, mode: number, dev = 0): Node { return todo(ctx, path, mode, dev); }

  /** Resolves a path to a location (follows a final symlink unless follow is false). */
  resolve(ctx: FsContext, path: string, follow = true): Location { return todo(ctx, path, follow); }
  /** chdir(2)/chroot(2) target: a searchable directory. @throws ENOTDIR, EACCES */
  resolveDir(ctx: FsContext, path: string): Location { return todo(ctx, path); }
  /** getcwd(2) text for ctx.cwd ("(unreachable)/..." outside the root). */
  getcwd(ctx: FsContext): string { return todo(ctx); }
  /** The path of loc as seen from ctx.root, or undefined when outside it. */
  pathOf(ctx: FsContext, loc: Location): string | undefined { return todo(ctx, loc); }
  stat_(loc: Location): Stat { return todo(loc); }

  // --- fd-based variants (the OpenFile came from open) ---
  fchmod(ctx: FsContext, file: OpenFile, mode: number): void { todo(ctx, file, mode); }
  fchown(ctx: FsContext, file: OpenFile, uid: number, gid: number): void { todo(ctx, file, uid, gid); }
  ftruncate(ctx: FsContext, file: OpenFile, length: number): void { todo(ctx, file, length); }
  /** fchdir(2): the location of an open directory. @throws ENOTDIR */
  fileLocation(file: OpenFile): Location { return todo(file); }

  // --- mounts ---
  /**
   * mount(2): a new filesystem of type fstype, MS_BIND (|MS_REC), MS_MOVE,
   * MS_REMOUNT (|MS_BIND for per-mount flags), or a propagation change.
   * Only uid 0 may mount (EPERM).
   */
  mount(ctx: FsContext, source: string, target: string, fstype: string, flags: number, data = ''): void {
    todo(ctx, source, target, fstype, flags, data);
  }
  /** umount2(2): EBUSY with submounts unless MNT_DETACH; EINVAL when target is not a mount point. */
  umount(ctx: FsContext, target: string, flags = 0): void { todo(ctx, target, flags); }
  /**
   * pivot_root(2): newRoot becomes the namespace's root mount, the old root
   * moves to putOld. Returns both locations: the kernel moves every process of
   * the namespace whose root or cwd was `from` to `to`, as Linux does.
   */
  pivotRoot(ctx: FsContext, newRoot: string, putOld: string): { from: Location; to: Location } {
    return todo(ctx, newRoot, putOld);
  }
}

function todo(..._args: unknown[]): never {
  throw new Error('not implemented yet');
}
