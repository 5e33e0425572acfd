// overlayfs: a merged view of read-only lower directories and one writable
// upper directory, as Docker's overlay2 driver mounts a container's rootfs.
// Layers are directories elsewhere in the VFS, never copied: mounting is O(1)
// and nodes merge lazily on lookup. Writes copy a file (and its parents) up
// first; deleting something a lower layer has leaves a whiteout (a 0/0
// character device) in upper; a directory made where a lower one was removed
// is opaque (xattr trusted.overlay.opaque=y). As in Linux without
// redirect_dir, renaming a directory that exists in a lower layer is EXDEV.
// Inode numbers come from the lowest layer holding a file, so they stay the
// same across copy-up; st_dev is the overlay's own.

import { EINVAL, ENOENT, ENOTDIR, ENOTEMPTY, EXDEV, SysError } from '../abi/errno.ts';
import { MS_RDONLY, S_IFCHR, S_IFDIR, S_IFLNK, S_IFMT, S_IFREG } from '../abi/flags.ts';
import type { Dirent, DirentType } from '../sys.ts';
import type { FilesystemType, MountRequest, SuperBlock } from '../vfs/filesystem.ts';
import { parseMountData } from '../vfs/filesystem.ts';
import type { FsContext, Node, NodeAttr } from '../vfs/node.ts';
import { makedev } from '../vfs/dev.ts';
import { direntTypeOf } from './memfs.ts';

export const OPAQUE_XATTR = 'trusted.overlay.opaque';

export function isWhiteout(n: Node): boolean { return (n.mode & S_IFMT) === S_IFCHR && n.rdev === 0; }
export function isOpaque(n: Node): boolean { return n.getxattr?.(OPAQUE_XATTR) === 'y'; }
const isDirNode = (n: Node): boolean => (n.mode & S_IFMT) === S_IFDIR;
const NO_DIRS: Node[] = [];

export class OverlaySuperBlock implements SuperBlock {
  readonly fstype = 'overlay';
  readonly root: OverlayNode;
  flags: number;
  refs = 0;

  constructor(
    readonly source: string,
    readonly dev: number,
    readonly lowers: Node[],
    readonly upper: Node | null,
    readonly work: Node | null,
    private readonly _options: string,
  ) {
    this.flags = upper ? 0 : MS_RDONLY;
    this.root = new OverlayNode(this, null, '', upper, lowers[0] ?? null, lowers);
  }

  superOptions(): string { return this._options; }
}

export class OverlayNode implements Node {
  readonly parent: OverlayNode;
  mounted = 0;
  /** Children looked up so far: the identity of a path while this node lives. */
  private _children: Map<string, OverlayNode> | null = null;

  constructor(
    readonly sb: OverlaySuperBlock,
    parent: OverlayNode | null,
    public name: string,
    /** The node in the upper layer, once it exists there. */
    public upper: Node | null,
    /** The topmost lower node (for a directory: the first of lowerDirs). */
    public lower: Node | null,
    /** Lower directories merged below a directory, top first. */
    public lowerDirs: Node[],
  ) {
    this.parent = parent ?? this;
  }

  /** The node that holds the data and attributes now. */
  get real(): Node { return (this.upper ?? this.lower)!; }
  get ino(): number { return (this.lower ?? this.upper)!.ino; }
  get mode(): number { return this.real.mode; }
  get uid(): number { return this.real.uid; }
  get gid(): number { return this.real.gid; }
  get nlink(): number { return this.real.nlink; }
  get rdev(): number { return this.real.rdev; }
  get size(): number { return this.real.size; }
  get atime(): number { return this.real.atime; }
  get mtime(): number { return this.real.mtime; }
  get ctime(): number { return this.real.ctime; }

  // --- lookup and listing ---

  lookup(name: string, ctx: FsContext): OverlayNode | undefined {
    const cached = this._children?.get(name);
    if (cached) return cached;
    if (!isDirNode(this)) return undefined;
    let upper: Node | null = null;
    let lowerStart = 0;
    if (this.upper) {
      const u = this.upper.lookup?.(name, ctx);
      if (u) {
        if (isWhiteout(u)) return undefined;
        if (!isDirNode(u) || isOpaque(u)) return this._cache(name, new OverlayNode(this.sb, this, name, u, null, NO_DIRS));
        upper = u;
      }
    }
    let top: Node | null = null;
    // lower directories: the first one, then any more (one array, sized exactly)
    let first: Node | null = null;
    let more: Node[] | null = null;
    const lds = this.lowerDirs;
    for (let i = lowerStart; i < lds.length; i++) {
      const l = lds[i]!.lookup?.(name, ctx);
      if (!l) continue;
      if (isWhiteout(l)) break;
      if (!isDirNode(l)) {
        if (!upper && !top) top = l;
        break;
      }
      if (upper === null && top && !isDirNode(top)) break;
      if (!first) first = l;
      else (more ??= []).push(l);
      top ??= l;
      if (isOpaque(l)) break;
    }
    if (!upper && !top) return undefined;
    if (upper && (!top || !isDirNode(top))) return this._cache(name, new OverlayNode(this.sb, this, name, upper, null, NO_DIRS));
    const dirs = !first ? NO_DIRS : more ? [first, ...more] : [first];
    return this._cache(name, new OverlayNode(this.sb, this, name, upper, top, dirs));
  }

  readdir(ctx: FsContext): Dirent[] {
    if (!isDirNode(this)) throw new SysError(ENOTDIR);
    const seen = new Map<string, Dirent | null>();
    const order: string[] = [];
    const take = (dir: Node, isUpper: boolean): void => {
      for (const e of dir.readdir?.(ctx) ?? []) {
        const prev = seen.get(e.name);
        if (prev === null) continue;               // hidden by a whiteout above
        if (prev) {                                 // seen above: ino comes from the lowest layer holding it
          if (prev.type === 'dir' && e.type === 'dir') prev.ino = e.ino;
          continue;
        }
        const n = dir.lookup?.(e.name, ctx);
        if (n && isWhiteout(n)) { seen.set(e.name, null); continue; }
        seen.set(e.name, { name: e.name, ino: e.ino, type: e.type });
        order.push(e.name);
        void isUpper;
      }
    };
    if (this.upper) take(this.upper, true);
    for (const l of this.lowerDirs) take(l, false);
    // a non-directory above a lower entry keeps the lower's ino only if it came from it (copy-up)
    const out: Dirent[] = [];
    for (const name of order) {
      const c = this._children?.get(name);
      const d = seen.get(name)!;
      out.push(c ? { name, ino: c.ino, type: direntTypeOf(c.mode) as DirentType } : d);
    }
    return out;
  }

  // --- copy-up ---

  /** Brings this node (and its parents) into the upper layer. */
  copyUp(): Node {
    if (this.upper) return this.upper;
    const pu = this.parent.copyUp();
    const l = this.lower!;
    const t = l.mode & S_IFMT;
    let u: Node;
    if (t === S_IFDIR) u = pu.mkdir!(this.name, l.mode & 0o7777, l.uid, l.gid);
    else if (t === S_IFLNK) u = pu.symlink!(this.name, l.readlink!(undefined as unknown as FsContext), l.uid, l.gid);
    else {
      u = pu.create!(this.name, l.mode, l.rdev, l.uid, l.gid);
      if (t === S_IFREG && l.size > 0) {
        const src = l as Node & { bytes?(): Uint8Array };
        const dst = u as Node & { setData?(b: Uint8Array, share: boolean): void };
        if (src.bytes && dst.setData) dst.setData(src.bytes(), true);
        else u.write!(0, l.read!(0, l.size));
      }
    }
    u.setattr({ mode: l.mode & 0o7777, atime: l.atime, mtime: l.mtime });
    this.upper = u;
    return u;
  }

  prepareWrite(): void { this.copyUp(); }

  // --- changes (the VFS refuses them with EROFS when there is no upper layer) ---

  create(name: string, mode: number, rdev: number, uid: number, gid: number): Node {
    const u = this._prepareName(name);
    return this._cache(name, new OverlayNode(this.sb, this, name, u.create!(name, mode, rdev, uid, gid), null, NO_DIRS));
  }

  mkdir(name: string, mode: number, uid: number, gid: number): Node {
    const hadLower = this._lowerHas(name);
    const u = this._prepareName(name);
    const d = u.mkdir!(name, mode, uid, gid);
    if (hadLower) d.setxattr?.(OPAQUE_XATTR, 'y');
    return this._cache(name, new OverlayNode(this.sb, this, name, d, null, NO_DIRS));
  }

  symlink(name: string, target: string, uid: number, gid: number): Node {
    const u = this._prepareName(name);
    return this._cache(name, new OverlayNode(this.sb, this, name, u.symlink!(name, target, uid, gid), null, NO_DIRS));
  }

  link(name: string, target: Node): void {
    const t = target as OverlayNode;
    const tu = t.copyUp();
    const u = this._prepareName(name);
    u.link!(name, tu);
    this._cache(name, new OverlayNode(this.sb, this, name, tu, t.lower, NO_DIRS));
  }

  unlink(name: string): void {
    const c = this.lookup(name, undefined as unknown as FsContext);
    if (!c) throw new SysError(ENOENT);
    const u = this.copyUp();
    if (c.upper) u.unlink!(name);
    if (c.lower) this._whiteout(u, name);
    this._children!.delete(name);
  }

  rmdir(name: string): void {
    const ctx = undefined as unknown as FsContext;
    const c = this.lookup(name, ctx);
    if (!c) throw new SysError(ENOENT);
    if (c.readdir(ctx).length) throw new SysError(ENOTEMPTY);
    const u = this.copyUp();
    if (c.upper) {
      c._clearWhiteouts();
      u.rmdir!(name);
    }
    if (c.lower) this._whiteout(u, name);
    this._children!.delete(name);
  }

  rename(oldName: string, newDir: Node, newName: string): void {
    const ctx = undefined as unknown as FsContext;
    const to = newDir as OverlayNode;
    const c = this.lookup(oldName, ctx);
    if (!c) throw new SysError(ENOENT);
    if (isDirNode(c) && c.lower) throw new SysError(EXDEV);
    const target = to.lookup(newName, ctx);
    if (target && isDirNode(target)) {
      if (target.readdir(ctx).length) throw new SysError(ENOTEMPTY);
      target._clearWhiteouts();
    }
    const cu = c.copyUp();
    const ou = this.copyUp();
    const nu = to.copyUp();
    const targetHadLower = to._lowerHas(newName);
    ou.rename!(oldName, nu, newName);
    if (isDirNode(cu) && targetHadLower) cu.setxattr?.(OPAQUE_XATTR, 'y');
    if (c.lower) this._whiteout(ou, oldName);
    this._children!.delete(oldName);
    c.parent !== to && ((c as { parent: OverlayNode }).parent = to);
    c.name = newName;
    to._cache(newName, c);
  }

  // --- data and attributes ---

  readlink(ctx: FsContext): string { return this.real.readlink!(ctx); }
  read(pos: number, n: number): Uint8Array { return this.real.read!(pos, n); }
  write(pos: number, data: Uint8Array): void { this.copyUp().write!(pos, data); }
  truncate(length: number): void { this.copyUp().truncate!(length); }
  setattr(a: NodeAttr): void { this.copyUp().setattr(a); }
  getxattr(name: string): string | undefined { return this.real.getxattr?.(name); }
  setxattr(name: string, value: string | undefined): void { this.copyUp().setxattr?.(name, value); }
  listxattr(): string[] { return this.real.listxattr?.() ?? []; }

  /** Bytes of a regular file without copying (for a later copy-up sharing them). */
  bytes(): Uint8Array {
    const r = this.real as Node & { bytes?(): Uint8Array };
    return r.bytes ? r.bytes() : r.read!(0, r.size);
  }

  // --- internals ---

  private _cache(name: string, n: OverlayNode): OverlayNode {
    (this._children ??= new Map()).set(name, n);
    return n;
  }

  /** Whether a lower layer shows something at name (so a new entry must hide it). */
  private _lowerHas(name: string): boolean {
    if (this.upper && isOpaque(this.upper)) return false;
    const ctx = undefined as unknown as FsContext;
    for (const l of this.lowerDirs) {
      const n = l.lookup?.(name, ctx);
      if (!n) continue;
      return !isWhiteout(n);
    }
    return false;
  }

  /** Copies this directory up and removes a whiteout at name, so name can be made. */
  private _prepareName(name: string): Node {
    const u = this.copyUp();
    const w = u.lookup?.(name, undefined as unknown as FsContext);
    if (w && isWhiteout(w)) u.unlink!(name);
    return u;
  }

  private _whiteout(u: Node, name: string): void {
    u.create!(name, S_IFCHR, makedev(0, 0), 0, 0);
  }

  /** Removes the whiteouts inside an (empty-looking) upper directory before it goes. */
  private _clearWhiteouts(): void {
    const u = this.upper;
    if (!u) return;
    for (const e of u.readdir?.(undefined as unknown as FsContext) ?? []) {
      if (e.type === 'chr') {
        const n = u.lookup?.(e.name, undefined as unknown as FsContext);
        if (n && isWhiteout(n)) u.unlink!(e.name);
      }
    }
  }
}

/** Splits lowerdir on ":" (a "\:" stays in the path). */
function splitLower(v: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    if (c === '\\' && i + 1 < v.length) { cur += v[++i]; continue; }
    if (c === ':') { out.push(cur); cur = ''; continue; }
    cur += c;
  }
  out.push(cur);
  return out;
}

export const overlayType: FilesystemType = {
  name: 'overlay',
  nodev: true,
  mount(req: MountRequest) {
    const o = parseMountData(req.data);
    const lowerdir = o.get('lowerdir');
    if (!lowerdir) throw new SysError(EINVAL, 'overlayfs: missing \'lowerdir\'');
    const upperdir = o.get('upperdir');
    const workdir = o.get('workdir');
    if ((upperdir === undefined) !== (workdir === undefined)) throw new SysError(EINVAL, 'overlayfs: missing \'workdir\'');
    const dirOf = (p: string): Node => {
      if (!p) throw new SysError(EINVAL);
      const n = req.vfs.resolve(req.ctx, p).node;
      if (!isDirNode(n)) throw new SysError(ENOTDIR);
      return n;
    };
    const lowers = splitLower(lowerdir).map(dirOf);
    const upper = upperdir !== undefined ? dirOf(upperdir) : null;
    const work = workdir !== undefined ? dirOf(workdir) : null;
    let opts = `lowerdir=${lowerdir}`;
    if (upperdir !== undefined) opts += `,upperdir=${upperdir},workdir=${workdir}`;
    for (const [k, v] of o) {
      if (k === 'lowerdir' || k === 'upperdir' || k === 'workdir' || k === 'rw' || k === 'ro') continue;
      opts += ',' + (v ? `${k}=${v}` : k);
    }
    return new OverlaySuperBlock(req.source || 'overlay', makedev(0, req.vfs.allocAnonDev()), lowers, upper, work, opts);
  },
};
