// The open file description of a regular file or directory reached through
// the VFS, and stat(2) of a node.

import { EBADF, EINVAL, EISDIR, SysError } from '../abi/errno.ts';
import { O_ACCMODE, O_APPEND, O_RDONLY, O_WRONLY, S_IFDIR, S_IFMT, S_IFREG, SEEK_CUR, SEEK_END, SEEK_SET } from '../abi/flags.ts';
import type { Dirent, Stat } from '../sys.ts';
import type { FileKind, OpenFile } from './file.ts';
import type { FsContext, Location, Node } from './node.ts';
import type { Mount } from './mount.ts';

const EMPTY = new Uint8Array(0);

export function statOf(node: Node): Stat {
  const size = node.size;
  const t = node.mode & S_IFMT;
  const blocks = t === S_IFREG ? Math.ceil(size / 4096) * 8 : t === S_IFDIR && size >= 4096 ? 8 : 0;
  return {
    dev: node.sb.dev, ino: node.ino, mode: node.mode, nlink: node.nlink, uid: node.uid, gid: node.gid,
    rdev: node.rdev, size, blocks, atimeMs: node.atime, mtimeMs: node.mtime, ctimeMs: node.ctime,
  };
}

/** An open regular file or directory. */
export class NodeFile implements OpenFile {
  readonly kind: FileKind;
  refs = 0;
  pos = 0;

  constructor(
    readonly mnt: Mount,
    readonly node: Node,
    public flags: number,
    private readonly _ctx: FsContext,
  ) {
    this.kind = (node.mode & S_IFMT) === S_IFDIR ? 'dir' : 'file';
  }

  get location(): Location { return { mnt: this.mnt, node: this.node }; }

  read(n: number): Uint8Array {
    if ((this.flags & O_ACCMODE) === O_WRONLY) throw new SysError(EBADF);
    if (this.kind === 'dir') throw new SysError(EISDIR);
    const out = this.node.read ? this.node.read(this.pos, n) : EMPTY;
    this.pos += out.length;
    return out;
  }

  write(data: Uint8Array): number {
    if ((this.flags & O_ACCMODE) === O_RDONLY) throw new SysError(EBADF);
    if (!this.node.write) throw new SysError(EINVAL);
    if (this.flags & O_APPEND) this.pos = this.node.size;
    this.node.write(this.pos, data);
    this.pos += data.length;
    return data.length;
  }

  /** Directory entries (getdents), without "." and "..". */
  readdir(): Dirent[] {
    return this.node.readdir ? this.node.readdir(this._ctx) : [];
  }

  stat(): Stat { return statOf(this.node); }

  seek(offset: number, whence: number): number {
    let base: number;
    if (whence === SEEK_SET) base = 0;
    else if (whence === SEEK_CUR) base = this.pos;
    else if (whence === SEEK_END) base = this.node.size;
    else throw new SysError(EINVAL);
    const p = base + offset;
    if (p < 0) throw new SysError(EINVAL);
    this.pos = p;
    return p;
  }

  release(): void {}
}
