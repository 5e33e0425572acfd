// The virtual filesystem switch: path operations of system calls, checked and
// dispatched to the filesystem that holds each node. Every call takes the
// caller's FsContext (root, cwd, mount namespace, credentials, umask) and
// fails by throwing SysError with Linux's errno, checked in Linux's order.
//
// Path walking is in resolve.ts, permissions in permission.ts, mount(2),
// umount(2) and pivot_root(2) in mount-ops.ts, open files in node-file.ts.

import {
  EACCES, EBUSY, EEXIST, EINVAL, EISDIR, ELOOP, ENOENT, ENOTDIR, ENOTEMPTY, ENXIO, EPERM, EXDEV, SysError,
} from '../abi/errno.ts';
import {
  O_ACCMODE, O_CREAT, O_DIRECTORY, O_EXCL, O_NOFOLLOW, O_RDONLY, O_TRUNC, O_WRONLY, R_OK, W_OK, X_OK,
  S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG, S_IFSOCK, S_ISGID, S_ISUID,
  MS_NODEV,
} from '../abi/flags.ts';
import type { Stat, Dirent } from '../sys.ts';
import type { OpenFile } from './file.ts';
import type { FilesystemType, SuperBlock } from './filesystem.ts';
import type { FsContext, Location, Node, Cred } from './node.ts';
import { Mount, MountNamespace, pathFrom } from './mount.ts';
import { DeviceRegistry } from './dev.ts';
import { makeRootfs } from './rootfs.ts';
import {
  Walk, walk, walkParent, isDir, isLink, stepInto, LAST_NORM, LAST_DOT, LAST_DOTDOT, LAST_ROOT, MAXSYMLINKS,
  type ParentWalk,
} from './resolve.ts';
import { checkOwner, checkPermission, checkSticky, checkWritableMount, inGroup } from './permission.ts';
import { NodeFile, statOf } from './node-file.ts';
import { doMount, doUmount, doPivotRoot } from './mount-ops.ts';

export interface VfsOptions {
  /** Virtual wall clock, ms since the epoch: timestamps of nodes. */
  clock: () => number;
}

/** Opens a FIFO node: the kernel's pipe layer keeps one pipe per node. */
export type FifoOpener = (node: Node, flags: number, ctx: FsContext) => OpenFile;

const ROOT_CRED: Cred = { uid: 0, gid: 0, groups: [] };

export class Vfs {
  readonly clock: () => number;
  /** Character devices (/dev/null, ttys, ptys): filled by the kernel's drivers. */
  readonly devices = new DeviceRegistry();
  /** Opens named pipes (mknod S_IFIFO nodes); set by the kernel's pipe layer. */
  fifoOpener: FifoOpener | undefined;
  private readonly _types = new Map<string, FilesystemType>();
  private _mountId = 20;
  private _anonMinor = 20;

  constructor(opts: VfsOptions) {
    this.clock = opts.clock;
  }

  // --- registries ---

  registerFilesystem(t: FilesystemType): void { this._types.set(t.name, t); }
  filesystemType(name: string): FilesystemType | undefined { return this._types.get(name); }
  /** Registered types in registration order (for /proc/filesystems). */
  filesystems(): FilesystemType[] { return [...this._types.values()]; }
  /** A fresh anonymous device minor n (st_dev makedev(0, n)) for a virtual superblock. */
  allocAnonDev(): number { return ++this._anonMinor; }
  /** A fresh mount id. */
  newMountId(): number { return ++this._mountId; }

  // --- namespaces and contexts ---

  /** The initial mount namespace with sb as its root filesystem ("/"). */
  createNamespace(sb: SuperBlock, flags = 0): MountNamespace {
    // Linux's rootfs lies below "/" (mount id 1, not listed in mountinfo).
    const rootfs = makeRootfs();
    rootfs.refs++;
    const ns = new MountNamespace(new Mount(1, rootfs, rootfs.root, '/', 0), () => this.newMountId());
    sb.refs++;
    ns.attach(new Mount(this.newMountId(), sb, sb.root, '/', flags), ns.root, rootfs.root);
    return ns;
  }

  /** A context at the namespace's root with the given credentials (root by default). */
  context(ns: MountNamespace, cred: Cred = ROOT_CRED, umask = 0o022): FsContext {
    const top = ns.down(ns.root, ns.root.root);
    const at: Location = { mnt: top, node: top.root };
    return { root: at, cwd: at, mountNs: ns, cred, umask };
  }

  // --- path operations (system calls) ---

  /** open(2). Device nodes open through `devices`, FIFOs through `fifoOpener`. */
  open(ctx: FsContext, path: string, flags: number, mode = 0o666): OpenFile {
    return this._open(ctx, path, flags, mode, 0);
  }

  private _open(ctx: FsContext, path: string, flags: number, mode: number, links: number): OpenFile {
    const acc = flags & O_ACCMODE;
    let w: Walk;
    let created = false;
    if (flags & O_CREAT) {
      const p = walkParent(ctx, path);
      if (p.kind !== LAST_NORM) throw new SysError(EISDIR);
      const dir = p.dir;
      const dirMnt = dir.mnt, dirNode = dir.node;
      if (stepInto(ctx, dir, p.name)) {
        if (flags & O_EXCL) throw new SysError(EEXIST);
        if (isLink(dir.node)) {
          if (flags & O_NOFOLLOW) throw new SysError(ELOOP);
          if (links >= MAXSYMLINKS) throw new SysError(ELOOP);
          const target = dir.node.readlink!(ctx);
          const sub: FsContext = { ...ctx, cwd: { mnt: dirMnt, node: dirNode } };
          return this._open(sub, target, flags, mode, links + 1);
        }
        w = dir;
      } else {
        if (p.slash) throw new SysError(EISDIR);
        checkWritableMount(dirMnt);
        checkPermission(ctx.cred, dirNode, W_OK | X_OK);
        if (!dirNode.create) throw new SysError(EACCES);
        const gid = dirNode.mode & S_ISGID ? dirNode.gid : ctx.cred.gid;
        const node = dirNode.create(p.name, S_IFREG | (mode & ~ctx.umask & 0o7777), 0, ctx.cred.uid, gid);
        w = dir.set(dirMnt, node);
        created = true;
      }
    } else {
      w = walk(ctx, path, !(flags & O_NOFOLLOW));
      if ((flags & O_NOFOLLOW) && isLink(w.node)) throw new SysError(ELOOP);
    }
    const node = w.node, mnt = w.mnt;
    const type = node.mode & S_IFMT;
    if (type === S_IFDIR) {
      if (acc !== O_RDONLY || (flags & (O_CREAT | O_TRUNC))) throw new SysError(EISDIR);
    } else if (flags & O_DIRECTORY) throw new SysError(ENOTDIR);
    const writing = acc !== O_RDONLY || (flags & O_TRUNC) !== 0;
    if (!created) {
      const mask = (acc === O_WRONLY ? W_OK : acc === O_RDONLY ? R_OK : R_OK | W_OK) | (flags & O_TRUNC ? W_OK : 0);
      checkPermission(ctx.cred, node, mask);
      if (writing && (type === S_IFREG || type === S_IFDIR)) checkWritableMount(mnt);
    }
    switch (type) {
      case S_IFCHR:
        if (mnt.flags & MS_NODEV) throw new SysError(EACCES);
        // a devpts slave knows its terminal; other nodes go by device number
        if (node.open) return node.open(ctx, flags);
        return this.devices.open(node.rdev, flags, ctx);
      case S_IFIFO:
        if (!this.fifoOpener) throw new SysError(ENXIO);
        return this.fifoOpener(node, flags, ctx);
      case S_IFBLK: case S_IFSOCK:
        throw new SysError(ENXIO);
    }
    if (writing) node.prepareWrite?.();
    if (node.open && type === S_IFREG) return node.open(ctx, flags);
    if (type === S_IFREG && (flags & O_TRUNC) && !created && node.size !== 0) node.truncate?.(0);
    return new NodeFile(mnt, node, flags, ctx);
  }

  stat(ctx: FsContext, path: string): Stat { return statOf(walk(ctx, path, true).node); }
  lstat(ctx: FsContext, path: string): Stat { return statOf(walk(ctx, path, false).node); }
  /** stat of a location (fstat of a directory, /proc/PID/cwd). */
  statAt(loc: Location): Stat { return statOf(loc.node); }

  /** access(2): checks with the ids in ctx.cred (the kernel passes the real ids). */
  access(ctx: FsContext, path: string, mode: number): void {
    const w = walk(ctx, path, true);
    const t = w.node.mode & S_IFMT;
    if ((mode & W_OK) && (t === S_IFREG || t === S_IFDIR || t === S_IFLNK)) checkWritableMount(w.mnt);
    if (mode & 7) checkPermission(ctx.cred, w.node, mode & 7);
  }

  readdir(ctx: FsContext, path: string): Dirent[] {
    const w = walk(ctx, path, true);
    if (!isDir(w.node)) throw new SysError(ENOTDIR);
    checkPermission(ctx.cred, w.node, R_OK);
    return w.node.readdir ? w.node.readdir(ctx) : [];
  }

  mkdir(ctx: FsContext, path: string, mode = 0o777): void {
    const p = walkParent(ctx, path);
    if (p.kind !== LAST_NORM) throw new SysError(EEXIST);
    const dir = p.dir.node;
    checkWritableMount(p.dir.mnt);
    if (dir.lookup?.(p.name, ctx)) throw new SysError(EEXIST);
    checkPermission(ctx.cred, dir, W_OK | X_OK);
    if (!dir.mkdir) throw new SysError(EPERM);
    let m = mode & ~ctx.umask & 0o1777;
    let gid = ctx.cred.gid;
    if (dir.mode & S_ISGID) { m |= S_ISGID; gid = dir.gid; }
    dir.mkdir(p.name, m, ctx.cred.uid, gid, ctx);
  }

  rmdir(ctx: FsContext, path: string): void {
    const p = walkParent(ctx, path);
    if (p.kind === LAST_DOTDOT) throw new SysError(ENOTEMPTY);
    if (p.kind === LAST_DOT) throw new SysError(EINVAL);
    if (p.kind === LAST_ROOT) throw new SysError(EBUSY);
    checkWritableMount(p.dir.mnt);
    const child = this._victim(ctx, p);
    if (!isDir(child)) throw new SysError(ENOTDIR);
    if (child === ctx.root.node || (child.mounted && p.dir.mnt.childAt(child))) throw new SysError(EBUSY);
    if (!p.dir.node.rmdir) throw new SysError(EPERM);
    p.dir.node.rmdir(p.name, ctx);
  }

  unlink(ctx: FsContext, path: string): void {
    const p = walkParent(ctx, path);
    if (p.kind !== LAST_NORM) throw new SysError(EISDIR);
    checkWritableMount(p.dir.mnt);
    const dir = p.dir.node;
    const child = dir.lookup?.(p.name, ctx);
    if (!child) throw new SysError(ENOENT);
    if (p.slash) throw new SysError(isDir(child) ? EISDIR : ENOTDIR);
    checkPermission(ctx.cred, dir, W_OK | X_OK);
    checkSticky(ctx.cred, dir, child);
    if (isDir(child)) throw new SysError(EISDIR);
    if (child.mounted && p.dir.mnt.childAt(child)) throw new SysError(EBUSY);
    if (!dir.unlink) throw new SysError(EPERM);
    dir.unlink(p.name);
  }

  rename(ctx: FsContext, from: string, to: string): void {
    const pf = walkParent(ctx, from);
    const pt = walkParent(ctx, to);
    if (pf.dir.mnt !== pt.dir.mnt) throw new SysError(EXDEV);
    if (pf.kind !== LAST_NORM || pt.kind !== LAST_NORM) throw new SysError(EBUSY);
    checkWritableMount(pf.dir.mnt);
    const od = pf.dir.node, nd = pt.dir.node;
    const old = od.lookup?.(pf.name, ctx);
    if (!old) throw new SysError(ENOENT);
    const oldIsDir = isDir(old);
    if (!oldIsDir && (pf.slash || pt.slash)) throw new SysError(ENOTDIR);
    // a directory may not move below itself
    if (oldIsDir) for (let n = nd; ; n = n.parent) { if (n === old) throw new SysError(EINVAL); if (n.parent === n) break; }
    const target = nd.lookup?.(pt.name, ctx);
    if (target) for (let n = od; ; n = n.parent) { if (n === target) throw new SysError(ENOTEMPTY); if (n.parent === n) break; }
    if (target === old) return;
    checkPermission(ctx.cred, od, W_OK | X_OK);
    checkSticky(ctx.cred, od, old);
    if (oldIsDir && od !== nd) checkPermission(ctx.cred, old, W_OK);
    checkPermission(ctx.cred, nd, W_OK | X_OK);
    if (target) {
      checkSticky(ctx.cred, nd, target);
      if (oldIsDir && !isDir(target)) throw new SysError(ENOTDIR);
      if (!oldIsDir && isDir(target)) throw new SysError(EISDIR);
      if (target.mounted && pt.dir.mnt.childAt(target)) throw new SysError(EBUSY);
    }
    if ((old.mounted && pf.dir.mnt.childAt(old)) || old === ctx.root.node) throw new SysError(EBUSY);
    if (!od.rename) throw new SysError(EPERM);
    od.rename(pf.name, nd, pt.name);
  }

  link(ctx: FsContext, existing: string, newPath: string): void {
    const src = walk(ctx, existing, false);
    const p = walkParent(ctx, newPath);
    if (p.kind !== LAST_NORM) throw new SysError(EEXIST);
    if (src.mnt !== p.dir.mnt) throw new SysError(EXDEV);
    checkWritableMount(p.dir.mnt);
    const dir = p.dir.node;
    if (dir.lookup?.(p.name, ctx)) throw new SysError(EEXIST);
    checkPermission(ctx.cred, dir, W_OK | X_OK);
    if (isDir(src.node)) throw new SysError(EPERM);
    if (p.slash) throw new SysError(ENOENT);
    if (!dir.link) throw new SysError(EPERM);
    dir.link(p.name, src.node);
  }

  symlink(ctx: FsContext, target: string, path: string): void {
    if (target.length === 0) throw new SysError(ENOENT);
    const p = walkParent(ctx, path);
    if (p.kind !== LAST_NORM) throw new SysError(EEXIST);
    checkWritableMount(p.dir.mnt);
    const dir = p.dir.node;
    if (dir.lookup?.(p.name, ctx)) throw new SysError(EEXIST);
    if (p.slash) throw new SysError(ENOENT);
    checkPermission(ctx.cred, dir, W_OK | X_OK);
    if (!dir.symlink) throw new SysError(EPERM);
    dir.symlink(p.name, target, ctx.cred.uid, dir.mode & S_ISGID ? dir.gid : ctx.cred.gid);
  }

  readlink(ctx: FsContext, path: string): string {
    const n = walk(ctx, path, false).node;
    if (!isLink(n) || !n.readlink) throw new SysError(EINVAL);
    return n.readlink(ctx);
  }

  chmod(ctx: FsContext, path: string, mode: number): void {
    const w = walk(ctx, path, true);
    this._chmod(ctx, w.mnt, w.node, mode);
  }

  /** chown(2); -1 leaves a field. */
  chown(ctx: FsContext, path: string, uid: number, gid: number): void {
    const w = walk(ctx, path, true);
    this._chown(ctx, w.mnt, w.node, uid, gid);
  }

  lchown(ctx: FsContext, path: string, uid: number, gid: number): void {
    const w = walk(ctx, path, false);
    this._chown(ctx, w.mnt, w.node, uid, gid);
  }

  truncate(ctx: FsContext, path: string, length: number): void {
    const w = walk(ctx, path, true);
    const t = w.node.mode & S_IFMT;
    if (t === S_IFDIR) throw new SysError(EISDIR);
    if (t !== S_IFREG) throw new SysError(EINVAL);
    checkPermission(ctx.cred, w.node, W_OK);
    checkWritableMount(w.mnt);
    this._truncate(w.node, length);
  }

  utimes(ctx: FsContext, path: string, atimeMs: number, mtimeMs: number): void {
    const w = walk(ctx, path, true);
    checkWritableMount(w.mnt);
    checkOwner(ctx.cred, w.node);
    w.node.prepareWrite?.();
    w.node.setattr({ atime: atimeMs, mtime: mtimeMs });
  }

  /**
   * mknod(2): S_IFREG, S_IFIFO, S_IFSOCK for anyone, S_IFCHR/S_IFBLK for root.
   * Returns the new node (bind(2) of an AF_UNIX socket keys on it).
   */
  mknod(ctx: FsContext, path: string, mode: number, dev = 0): Node {
    let type = mode & S_IFMT;
    if (type === 0) type = S_IFREG;
    if (type === S_IFDIR) throw new SysError(EPERM);
    if (type !== S_IFREG && type !== S_IFIFO && type !== S_IFSOCK && type !== S_IFCHR && type !== S_IFBLK) {
      throw new SysError(EINVAL);
    }
    const p = walkParent(ctx, path);
    if (p.kind !== LAST_NORM) throw new SysError(EEXIST);
    checkWritableMount(p.dir.mnt);
    const dir = p.dir.node;
    if (dir.lookup?.(p.name, ctx)) throw new SysError(EEXIST);
    checkPermission(ctx.cred, dir, W_OK | X_OK);
    if ((type === S_IFCHR || type === S_IFBLK) && ctx.cred.uid !== 0) throw new SysError(EPERM);
    if (!dir.create) throw new SysError(EPERM);
    const gid = dir.mode & S_ISGID ? dir.gid : ctx.cred.gid;
    return dir.create(p.name, type | (mode & ~ctx.umask & 0o7777), type === S_IFCHR || type === S_IFBLK ? dev : 0,
      ctx.cred.uid, gid);
  }

  /** Resolves a path to a location (follows a final symlink unless follow is false). */
  resolve(ctx: FsContext, path: string, follow = true): Location {
    return walk(ctx, path, follow).loc();
  }

  /** The location of the node a path names, if it exists (no permission error is swallowed). */
  tryResolve(ctx: FsContext, path: string, follow = true): Location | undefined {
    try { return walk(ctx, path, follow).loc(); } catch (e) {
      if (e instanceof SysError && (e.errno === ENOENT || e.errno === ENOTDIR)) return undefined;
      throw e;
    }
  }

  /** chdir(2)/chroot(2) target: a searchable directory. @throws ENOTDIR, EACCES */
  resolveDir(ctx: FsContext, path: string): Location {
    const w = walk(ctx, path, true);
    if (!isDir(w.node)) throw new SysError(ENOTDIR);
    checkPermission(ctx.cred, w.node, X_OK);
    return w.loc();
  }

  /** getcwd(2) text for ctx.cwd ("(unreachable)/..." when outside the root). */
  getcwd(ctx: FsContext): string {
    const p = pathFrom(ctx.root, ctx.cwd.mnt, ctx.cwd.node);
    if (p !== undefined) return p;
    const ns = ctx.mountNs.root;
    return '(unreachable)' + (pathFrom({ mnt: ns, node: ns.root }, ctx.cwd.mnt, ctx.cwd.node) ?? '/');
  }

  /** The path of loc as seen from ctx.root, or undefined when outside it. */
  pathOf(ctx: FsContext, loc: Location): string | undefined {
    return pathFrom(ctx.root, loc.mnt, loc.node);
  }

  // --- fd-based variants (the OpenFile came from open) ---

  fchmod(ctx: FsContext, file: OpenFile, mode: number): void {
    const f = asNodeFile(file);
    this._chmod(ctx, f.mnt, f.node, mode);
  }

  fchown(ctx: FsContext, file: OpenFile, uid: number, gid: number): void {
    const f = asNodeFile(file);
    this._chown(ctx, f.mnt, f.node, uid, gid);
  }

  ftruncate(_ctx: FsContext, file: OpenFile, length: number): void {
    const f = asNodeFile(file);
    if (f.kind !== 'file' || (f.flags & O_ACCMODE) === O_RDONLY) throw new SysError(EINVAL);
    checkWritableMount(f.mnt);
    this._truncate(f.node, length);
  }

  /** fchdir(2): the location of an open directory. @throws ENOTDIR */
  fileLocation(file: OpenFile): Location {
    if (!(file instanceof NodeFile) || file.kind !== 'dir') throw new SysError(ENOTDIR);
    return file.location;
  }

  // --- mounts ---

  /**
   * mount(2): a new filesystem of type fstype, MS_BIND (|MS_REC), MS_MOVE,
   * MS_REMOUNT (|MS_BIND for per-mount flags), or a propagation change.
   * Only uid 0 may mount (EPERM). Returns the new mount, if one was made.
   */
  mount(ctx: FsContext, source: string, target: string, fstype: string, flags: number, data = ''): Mount | undefined {
    return doMount(this, ctx, source, target, fstype, flags, data);
  }

  /** umount2(2): EBUSY with submounts unless MNT_DETACH; EINVAL when target is not a mount's root. */
  umount(ctx: FsContext, target: string, flags = 0): void { doUmount(this, ctx, target, flags); }

  /**
   * pivot_root(2): newRoot becomes the namespace's root mount, the old root
   * moves to putOld. Returns both locations: the kernel moves every process of
   * the namespace whose root or cwd was `from` to `to`, as Linux does.
   */
  pivotRoot(ctx: FsContext, newRoot: string, putOld: string): { from: Location; to: Location } {
    return doPivotRoot(ctx, newRoot, putOld);
  }

  // --- internals ---

  /** The last component of p as a node of the directory, with delete permission checked. */
  private _victim(ctx: FsContext, p: ParentWalk): Node {
    const dir = p.dir.node;
    const child = dir.lookup?.(p.name, ctx);
    if (!child) throw new SysError(ENOENT);
    checkPermission(ctx.cred, dir, W_OK | X_OK);
    checkSticky(ctx.cred, dir, child);
    return child;
  }

  private _chmod(ctx: FsContext, mnt: Mount, node: Node, mode: number): void {
    checkWritableMount(mnt);
    checkOwner(ctx.cred, node);
    let m = mode & 0o7777;
    if (ctx.cred.uid !== 0 && (m & S_ISGID) && !inGroup(ctx.cred, node.gid) && !isDir(node)) m &= ~S_ISGID;
    node.prepareWrite?.();
    node.setattr({ mode: m });
  }

  private _chown(ctx: FsContext, mnt: Mount, node: Node, uid: number, gid: number): void {
    checkWritableMount(mnt);
    const cred = ctx.cred;
    const newUid = uid === -1 ? node.uid : uid;
    const newGid = gid === -1 ? node.gid : gid;
    if (cred.uid !== 0) {
      if (newUid !== node.uid) throw new SysError(EPERM);
      if (newGid !== node.gid && (cred.uid !== node.uid || !inGroup(cred, newGid))) throw new SysError(EPERM);
      if (cred.uid !== node.uid && (newUid !== node.uid || newGid !== node.gid)) throw new SysError(EPERM);
    }
    node.prepareWrite?.();
    let mode: number | undefined;
    if ((node.mode & S_IFMT) === S_IFREG && (uid !== -1 || gid !== -1) && (node.mode & (S_ISUID | S_ISGID))) {
      mode = node.mode & ~S_ISUID & ((node.mode & 0o010) ? ~S_ISGID : ~0) & 0o7777;
    }
    node.setattr({ uid: newUid, gid: newGid, mode });
  }

  private _truncate(node: Node, length: number): void {
    if (length < 0) throw new SysError(EINVAL);
    if (!node.truncate) throw new SysError(EINVAL);
    node.prepareWrite?.();
    node.truncate(length);
  }
}

function asNodeFile(file: OpenFile): NodeFile {
  if (!(file instanceof NodeFile)) throw new SysError(EINVAL);
  return file;
}
