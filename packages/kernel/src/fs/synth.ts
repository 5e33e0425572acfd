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

import { EACCES, EBADF, EINVAL, EISDIR, ENOENT, ENOTDIR, EPERM, SysError } from '../abi/errno.ts';
import { O_ACCMODE, O_RDONLY, O_WRONLY, S_IFDIR, S_IFLNK, S_IFMT, S_IFREG, SEEK_CUR, SEEK_SET } from '../abi/flags.ts';
import type { Dirent, DirentType, Stat } from '../sys.ts';
import type { FsContext, Node, NodeAttr } from '../vfs/node.ts';
import type { FilesystemType, MountRequest, SuperBlock } from '../vfs/filesystem.ts';
import type { OpenFile } from '../vfs/file.ts';
import { makedev } from '../vfs/dev.ts';
import { statOf } from '../vfs/node-file.ts';

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

/** Builds a FilesystemType whose root is the spec made for each mount. */
export function synthFilesystem(
  name: string, makeRoot: (req: MountRequest) => SynthDir, opts: SynthOptions = {}): FilesystemType {
  const instances = new Map<unknown, SynthSuperBlock>();
  return {
    name,
    nodev: opts.nodev ?? true,
    mount(req: MountRequest): SuperBlock {
      const key = opts.instanceKey?.(req);
      if (key !== undefined) {
        const sb = instances.get(key);
        if (sb) return sb;
      }
      const sb = new SynthSuperBlock(name, req.source || name, makedev(0, req.vfs.allocAnonDev()), req.vfs.clock(),
        opts.superOptions ? opts.superOptions(req) : '', makeRoot(req));
      if (key !== undefined) {
        instances.set(key, sb);
        sb.kill = () => { instances.delete(key); };
      }
      return sb;
    },
  };
}

export class SynthSuperBlock implements SuperBlock {
  readonly root: SynthNode;
  flags = 0;
  refs = 0;
  nextIno = 1;
  kill?: () => void;

  constructor(readonly fstype: string, readonly source: string, readonly dev: number, readonly time: number,
    private readonly _options: string, root: SynthDir) {
    this.root = new SynthNode(this, null, '', root);
  }

  superOptions(): string { return this._options; }
}

const ENC = new TextEncoder();
const EMPTY = new Uint8Array(0);

export class SynthNode implements Node {
  readonly ino: number;
  readonly parent: SynthNode;
  mounted = 0;
  mode: number;
  uid: number;
  gid: number;
  atime: number;
  mtime: number;
  ctime: number;
  private _children: Map<string, SynthNode> | null = null;

  constructor(readonly sb: SynthSuperBlock, parent: SynthNode | null, readonly name: string, public spec: SynthEntry) {
    this.parent = parent ?? this;
    this.ino = spec.ino ?? sb.nextIno++;
    this.mode = modeOf(spec);
    this.uid = spec.uid ?? 0;
    this.gid = spec.gid ?? 0;
    this.atime = this.mtime = this.ctime = sb.time;
  }

  get nlink(): number { return this.spec.kind === 'dir' ? 2 : 1; }
  get rdev(): number { return 0; }
  get size(): number { return 0; }

  lookup(name: string, ctx: FsContext): SynthNode | undefined {
    const spec = this.spec;
    if (spec.kind !== 'dir') return undefined;
    const e = (spec.children && Object.hasOwn(spec.children, name) ? spec.children[name] : undefined)
      ?? spec.get?.(name, ctx);
    const cached = this._children?.get(name);
    if (!e) {
      if (cached) this._children!.delete(name);
      return undefined;
    }
    if (cached && cached.spec.kind === e.kind && (e.ino === undefined || e.ino === cached.ino)) {
      cached.spec = e;
      if (e.uid !== undefined) cached.uid = e.uid;
      if (e.gid !== undefined) cached.gid = e.gid;
      return cached;
    }
    const n = new SynthNode(this.sb, this, name, e);
    (this._children ??= new Map()).set(name, n);
    return n;
  }

  readdir(ctx: FsContext): Dirent[] {
    const spec = this.spec;
    if (spec.kind !== 'dir') throw new SysError(ENOTDIR);
    const names = spec.children ? Object.keys(spec.children) : [];
    if (spec.list) for (const n of spec.list(ctx)) names.push(n);
    const out: Dirent[] = [];
    for (const name of names) {
      const n = this.lookup(name, ctx);
      if (n) out.push({ name, ino: n.ino, type: direntType(n.spec) });
    }
    return out;
  }

  mkdir(name: string, mode: number, _uid: number, _gid: number, ctx?: FsContext): Node {
    const spec = this.spec;
    if (spec.kind !== 'dir' || !spec.mkdir) throw new SysError(EPERM);
    spec.mkdir(name, mode, ctx ?? (undefined as unknown as FsContext));
    const n = this.lookup(name, ctx ?? (undefined as unknown as FsContext));
    if (!n) throw new SysError(ENOENT);
    return n;
  }

  rmdir(name: string, ctx?: FsContext): void {
    const spec = this.spec;
    if (spec.kind !== 'dir' || !spec.rmdir) throw new SysError(EPERM);
    spec.rmdir(name, ctx ?? (undefined as unknown as FsContext));
    this._children?.delete(name);
  }

  readlink(ctx: FsContext): string {
    if (this.spec.kind !== 'link') throw new SysError(EINVAL);
    return this.spec.target(ctx);
  }

  open(ctx: FsContext, flags: number): OpenFile {
    const spec = this.spec;
    if (spec.kind !== 'file') throw new SysError(EISDIR);
    const acc = flags & O_ACCMODE;
    if (acc !== O_RDONLY && !spec.write) throw new SysError(EACCES);
    return new SynthOpenFile(this, spec, flags, ctx);
  }

  setattr(a: NodeAttr): void {
    if (a.mode !== undefined) this.mode = (this.mode & S_IFMT) | (a.mode & 0o7777);
    if (a.uid !== undefined) this.uid = a.uid;
    if (a.gid !== undefined) this.gid = a.gid;
    if (a.atime !== undefined) this.atime = a.atime;
    if (a.mtime !== undefined) this.mtime = a.mtime;
  }
}

function modeOf(e: SynthEntry): number {
  if (e.kind === 'dir') return S_IFDIR | (e.mode ?? 0o555);
  if (e.kind === 'link') return S_IFLNK | 0o777;
  return S_IFREG | (e.mode ?? (e.write ? 0o644 : 0o444));
}

/** An open synthetic file: content is made at the first read, each write goes to the handler. */
export class SynthOpenFile implements OpenFile {
  readonly kind = 'proc' as const;
  refs = 0;
  pos = 0;
  private _content: Uint8Array | null = null;

  constructor(readonly node: SynthNode, private readonly _spec: SynthFile, public flags: number,
    private readonly _ctx: FsContext) {}

  read(n: number): Uint8Array {
    if ((this.flags & O_ACCMODE) === O_WRONLY) throw new SysError(EBADF);
    if (!this._spec.read) throw new SysError(EINVAL);
    if (!this._content) {
      const c = this._spec.read(this._ctx);
      this._content = typeof c === 'string' ? ENC.encode(c) : c;
    }
    if (this.pos >= this._content.length) return EMPTY;
    const out = this._content.slice(this.pos, this.pos + n);
    this.pos += out.length;
    return out;
  }

  write(data: Uint8Array): number {
    if ((this.flags & O_ACCMODE) === O_RDONLY) throw new SysError(EBADF);
    this._spec.write!(data, this._ctx);
    return data.length;
  }

  stat(): Stat { return statOf(this.node); }

  seek(offset: number, whence: number): number {
    if (whence !== SEEK_SET || offset < 0) {
      if (whence === SEEK_CUR && this.pos + offset >= 0) return (this.pos += offset);
      throw new SysError(EINVAL);
    }
    if (offset === 0) this._content = null;
    this.pos = offset;
    return offset;
  }

  release(): void {}
}
