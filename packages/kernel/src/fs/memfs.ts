// In-memory inodes: the backing store of tmpfs and of a host's root
// filesystem (and so of image layers and overlay upper dirs). One compact
// class for every file type: `data` holds a file's bytes, a directory's
// children, a symlink's target; `n` a file's size or a device's rdev.
// Tens of thousands of these exist, so no per-inode extras unless used.

import { EEXIST, EFBIG, ENOSPC, ENOTDIR, ENOTEMPTY, EPERM, SysError } from '../abi/errno.ts';
import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK } from '../abi/flags.ts';
import type { Dirent, DirentType } from '../sys.ts';
import type { SuperBlock } from '../vfs/filesystem.ts';
import type { Node, NodeAttr } from '../vfs/node.ts';

const PAGE = 4096;
const MAX_FILE = 1 << 30;
const EMPTY = new Uint8Array(0);
/** data is shared with another inode (overlay copy-up): copy before writing. */
const F_SHARED = 1;
/**
 * The children of every empty directory: one shared map, never changed (a
 * directory gets its own on its first entry and gives it back on its last).
 */
const NO_ENTRIES: ReadonlyMap<string, MemInode> = new Map();

export interface MemFsOptions {
  fstype: string;
  source: string;
  dev: number;
  clock: () => number;
  /** Byte limit of file data (tmpfs size=); Infinity for none. */
  limit?: number;
  /** Root directory mode (type bits added). */
  rootMode?: number;
  rootUid?: number;
  rootGid?: number;
  /** 'tmpfs': directory size is 40 + 20 per entry; 'block': 4096 (ext4). */
  dirSize?: 'tmpfs' | 'block';
  /** Root inode number (tmpfs 1, ext4 2). */
  rootIno?: number;
  flags?: number;
  /** Super options text after "rw" (tmpfs fills it from its mount data). */
  superOptions?: () => string;
}

export class MemSuperBlock implements SuperBlock {
  readonly fstype: string;
  readonly source: string;
  readonly dev: number;
  readonly root: MemInode;
  readonly clock: () => number;
  readonly blockDirs: boolean;
  flags: number;
  refs = 0;
  limit: number;
  /** Bytes of file data in whole pages. */
  used = 0;
  inodes = 0;
  nextIno: number;
  charge?: (deltaBytes: number) => void;
  remount?: (flags: number, data: string) => void;
  private readonly _opts: (() => string) | undefined;

  constructor(o: MemFsOptions) {
    this.fstype = o.fstype;
    this.source = o.source;
    this.dev = o.dev;
    this.clock = o.clock;
    this.limit = o.limit ?? Infinity;
    this.blockDirs = o.dirSize === 'block';
    this.flags = o.flags ?? 0;
    this._opts = o.superOptions;
    this.nextIno = o.rootIno ?? 1;
    const root = new MemInode(this, S_IFDIR | ((o.rootMode ?? 0o755) & 0o7777), o.rootUid ?? 0, o.rootGid ?? 0, null, '');
    root.data = NO_ENTRIES as Map<string, MemInode>;
    root.nlink = 2;
    this.root = root;
  }

  superOptions(): string { return this._opts ? this._opts() : ''; }

  kill(): void {
    if (this.used && this.charge) this.charge(-this.used);
    this.used = 0;
  }

  statfs() {
    const blocks = this.limit === Infinity ? 0x7fffffff : Math.floor(this.limit / PAGE);
    return { blockSize: PAGE, blocks, free: blocks - this.used / PAGE, files: 0x7fffffff, filesFree: 0x7fffffff - this.inodes };
  }

  /** Accounts a change of pages; throws ENOSPC before anything changes. */
  account(oldSize: number, newSize: number): void {
    const delta = (Math.ceil(newSize / PAGE) - Math.ceil(oldSize / PAGE)) * PAGE;
    if (delta === 0) return;
    if (delta > 0 && this.used + delta > this.limit) throw new SysError(ENOSPC);
    if (this.charge) this.charge(delta);
    this.used += delta;
  }
}

export class MemInode implements Node {
  readonly ino: number;
  nlink = 1;
  atime: number;
  mtime: number;
  ctime: number;
  parent: MemInode;
  mounted = 0;
  /** File bytes (capacity may exceed n) | children | symlink target | null. */
  data: Uint8Array | Map<string, MemInode> | string | null = null;
  /** File size, or rdev of a device node. */
  n = 0;
  flags = 0;
  xattrs: Map<string, string> | undefined = undefined;

  constructor(
    readonly sb: MemSuperBlock,
    public mode: number,
    public uid: number,
    public gid: number,
    parent: MemInode | null,
    public name: string,
  ) {
    this.ino = sb.nextIno++;
    sb.inodes++;
    this.atime = this.mtime = this.ctime = sb.clock();
    this.parent = parent ?? this;
  }

  get rdev(): number { const t = this.mode & S_IFMT; return t === S_IFCHR || t === S_IFBLK ? this.n : 0; }

  get size(): number {
    const t = this.mode & S_IFMT;
    if (t === S_IFREG) return this.n;
    if (t === S_IFDIR) return this.sb.blockDirs ? 4096 : 40 + 20 * (this.data as Map<string, MemInode>).size;
    if (t === S_IFLNK) return utf8Length(this.data as string);
    return 0;
  }

  /** Children of a directory (throws ENOTDIR otherwise). */
  get children(): Map<string, MemInode> {
    if ((this.mode & S_IFMT) !== S_IFDIR) throw new SysError(ENOTDIR);
    return this.data as Map<string, MemInode>;
  }

  // --- directories ---

  lookup(name: string): MemInode | undefined {
    return (this.mode & S_IFMT) === S_IFDIR ? (this.data as Map<string, MemInode>).get(name) : undefined;
  }

  readdir(): Dirent[] {
    const out: Dirent[] = [];
    for (const [name, c] of this.children) out.push({ name, ino: c.ino, type: direntTypeOf(c.mode) });
    return out;
  }

  create(name: string, mode: number, rdev: number, uid: number, gid: number): MemInode {
    const t = mode & S_IFMT;
    if (t !== S_IFREG && t !== S_IFCHR && t !== S_IFBLK && t !== S_IFIFO && t !== S_IFSOCK) throw new SysError(EPERM);
    const c = this._add(name, new MemInode(this.sb, mode, uid, gid, this, name));
    if (t === S_IFREG) c.data = EMPTY;
    else if (t === S_IFCHR || t === S_IFBLK) c.n = rdev;
    return c;
  }

  mkdir(name: string, mode: number, uid: number, gid: number): MemInode {
    const c = this._add(name, new MemInode(this.sb, S_IFDIR | (mode & 0o7777), uid, gid, this, name));
    c.data = NO_ENTRIES as Map<string, MemInode>;
    c.nlink = 2;
    this.nlink++;
    return c;
  }

  symlink(name: string, target: string, uid: number, gid: number): MemInode {
    const c = this._add(name, new MemInode(this.sb, S_IFLNK | 0o777, uid, gid, this, name));
    c.data = target;
    return c;
  }

  link(name: string, target: Node): void {
    const t = target as MemInode;
    this._add(name, t);
    t.nlink++;
    t.ctime = this.mtime;
  }

  unlink(name: string): void {
    const c = this.children.get(name);
    if (!c) return;
    this._remove(name);
    this._touch();
    c.ctime = this.mtime;
    if (--c.nlink === 0) c._free();
  }

  rmdir(name: string): void {
    const c = this.children.get(name);
    if (!c) return;
    if (c.children.size) throw new SysError(ENOTEMPTY);
    this._remove(name);
    this.nlink--;
    c.nlink = 0;
    c._free();
    this._touch();
  }

  rename(oldName: string, newDir: Node, newName: string): void {
    const to = newDir as MemInode;
    const c = this.children.get(oldName);
    if (!c) return;
    const old = to.children.get(newName);
    if (old === c) return;
    const isDir = (c.mode & S_IFMT) === S_IFDIR;
    if (old) {
      if ((old.mode & S_IFMT) === S_IFDIR) {
        if (old.children.size) throw new SysError(ENOTEMPTY);
        to.nlink--;
        old.nlink = 0;
        old._free();
      } else if (--old.nlink === 0) old._free();
    }
    this._remove(oldName);
    to._entries().set(newName, c);
    if (isDir && to !== this) { this.nlink--; to.nlink++; }
    if (c.parent === this) { c.parent = to; c.name = newName; }
    this._touch();
    if (to !== this) to._touch();
    c.ctime = this.mtime;
  }

  // --- symlinks ---

  readlink(): string { return this.data as string; }

  // --- files ---

  read(pos: number, n: number): Uint8Array {
    const size = this.n;
    if (pos >= size || n <= 0) return EMPTY;
    const end = Math.min(size, pos + n);
    return (this.data as Uint8Array).slice(pos, end);
  }

  write(pos: number, src: Uint8Array): void {
    const end = pos + src.length;
    if (end > MAX_FILE) throw new SysError(EFBIG);
    if (end > this.n) {
      this.sb.account(this.n, end);
      this._reserve(end);
      const d = this.data as Uint8Array;
      if (pos > this.n) d.fill(0, this.n, pos);
      this.n = end;
    } else if (this.flags & F_SHARED) this._reserve(this.n);
    (this.data as Uint8Array).set(src, pos);
    this.mtime = this.ctime = this.sb.clock();
  }

  truncate(length: number): void {
    if (length > MAX_FILE) throw new SysError(EFBIG);
    const old = this.n;
    if (length !== old) {
      this.sb.account(old, length);
      if (length > old) {
        this._reserve(length);
        (this.data as Uint8Array).fill(0, old, length);
      } else if (length === 0) {
        this.data = EMPTY;
        this.flags &= ~F_SHARED;
      } else if (this.flags & F_SHARED) this._reserve(length);
      else (this.data as Uint8Array).fill(0, length, Math.min(old, (this.data as Uint8Array).length));
      this.n = length;
    }
    this.mtime = this.ctime = this.sb.clock();
  }

  /**
   * Replaces a file's content at once. With share, keeps a reference to bytes
   * and copies only on a later write (image layers, overlay copy-up).
   */
  setData(bytes: Uint8Array, share: boolean): void {
    this.sb.account(this.n, bytes.length);
    this.data = bytes;
    this.n = bytes.length;
    this.flags = share ? this.flags | F_SHARED : this.flags & ~F_SHARED;
    this.mtime = this.ctime = this.sb.clock();
  }

  /** The bytes of a file (a view: do not keep or change). */
  bytes(): Uint8Array { return (this.data as Uint8Array).subarray(0, this.n); }

  // --- attributes ---

  setattr(a: NodeAttr): void {
    if (a.mode !== undefined) this.mode = (this.mode & S_IFMT) | (a.mode & 0o7777);
    if (a.uid !== undefined) this.uid = a.uid;
    if (a.gid !== undefined) this.gid = a.gid;
    if (a.atime !== undefined) this.atime = a.atime;
    if (a.mtime !== undefined) this.mtime = a.mtime;
    this.ctime = this.sb.clock();
  }

  getxattr(name: string): string | undefined { return this.xattrs?.get(name); }
  setxattr(name: string, value: string | undefined): void {
    if (value === undefined) { this.xattrs?.delete(name); return; }
    (this.xattrs ??= new Map()).set(name, value);
  }
  listxattr(): string[] { return this.xattrs ? [...this.xattrs.keys()] : []; }

  private _add(name: string, c: MemInode): MemInode {
    if (this.children.has(name)) throw new SysError(EEXIST);
    this._entries().set(name, c);
    this._touch();
    return c;
  }

  /** The directory's own (changeable) map of children. */
  private _entries(): Map<string, MemInode> {
    const ch = this.children;
    return ch !== NO_ENTRIES ? ch : (this.data = new Map());
  }

  private _remove(name: string): void {
    const ch = this.children;
    if (ch.size === 1 && ch.has(name)) this.data = NO_ENTRIES as Map<string, MemInode>;
    else ch.delete(name);
  }

  private _touch(): void { this.mtime = this.ctime = this.sb.clock(); }

  private _reserve(size: number): void {
    const d = this.data as Uint8Array;
    if (size <= d.length && !(this.flags & F_SHARED)) return;
    const cap = size <= d.length ? d.length : Math.max(size, Math.min(d.length * 2, d.length + (1 << 20)), 32);
    const nd = new Uint8Array(cap);
    nd.set(d.subarray(0, this.n));
    this.data = nd;
    this.flags &= ~F_SHARED;
  }

  private _free(): void {
    this.sb.inodes--;
    if ((this.mode & S_IFMT) === S_IFREG) {
      this.sb.account(this.n, 0);
      this.data = EMPTY;
      this.n = 0;
    }
  }
}

export function direntTypeOf(mode: number): DirentType {
  switch (mode & S_IFMT) {
    case S_IFDIR: return 'dir';
    case S_IFLNK: return 'symlink';
    case S_IFCHR: return 'chr';
    case S_IFBLK: return 'blk';
    case S_IFIFO: return 'fifo';
    case S_IFSOCK: return 'sock';
    default: return 'file';
  }
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n++;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) { n += 4; i++; } else n += 3;
  }
  return n;
}
