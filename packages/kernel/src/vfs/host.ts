// Direct access for the world to lay out a host's root filesystem before boot
// (and for tests): no process, no permission checks (it acts as root), paths
// from a namespace's root; symlinks are followed as a process would.

import { EEXIST, EISDIR, SysError } from '../abi/errno.ts';
import { S_IFDIR, S_IFMT, S_IFREG } from '../abi/flags.ts';
import type { MountNamespace } from './mount.ts';
import type { Vfs } from './vfs.ts';
import type { FsContext, Node } from './node.ts';
import { walk, walkParent, stepInto, isDir, LAST_NORM } from './resolve.ts';

const ENC = new TextEncoder();

export class HostFs {
  readonly ctx: FsContext;
  constructor(readonly vfs: Vfs, ns: MountNamespace) {
    this.ctx = vfs.context(ns, { uid: 0, gid: 0, groups: [] }, 0);
  }

  /** mkdir -p: makes missing directories (mode default 0o755) owned by uid:gid. */
  mkdirp(path: string, mode = 0o755, uid = 0, gid = 0): void {
    const w = walk(this.ctx, '/', true);
    let i = 0;
    const len = path.length;
    while (i < len) {
      while (i < len && path.charCodeAt(i) === 47) i++;
      if (i >= len) break;
      let j = path.indexOf('/', i);
      if (j < 0) j = len;
      const name = path.slice(i, j);
      const dirMnt = w.mnt, dir = w.node;
      if (name === '..' || name === '.') {
        walk(this.ctx, path.slice(0, j), true, w);
      } else if (!stepInto(this.ctx, w, name)) {
        const n = dir.mkdir!(name, mode, uid, gid);
        w.set(dirMnt, n);
      } else if (!isDir(w.node)) {
        walk(this.ctx, path.slice(0, j), true, w);
        if (!isDir(w.node)) throw new SysError(EEXIST);
      }
      i = j;
    }
  }

  /** Creates or replaces a regular file (missing parents made 0o755). With share, keeps data by reference. */
  writeFile(path: string, data: Uint8Array | string, mode = 0o644, uid = 0, gid = 0, share = false): Node {
    const bytes = typeof data === 'string' ? ENC.encode(data) : data;
    const cut = path.lastIndexOf('/');
    if (cut > 0) this.mkdirp(path.slice(0, cut));
    const p = walkParent(this.ctx, path);
    if (p.kind !== LAST_NORM) throw new SysError(EISDIR);
    const dir = p.dir.node;
    let node = dir.lookup!(p.name, this.ctx);
    if (node && (node.mode & S_IFMT) !== S_IFREG) {
      if ((node.mode & S_IFMT) === S_IFDIR) throw new SysError(EISDIR);
      dir.unlink!(p.name);
      node = undefined;
    }
    if (!node) node = dir.create!(p.name, S_IFREG | (mode & 0o7777), 0, uid, gid);
    else node.setattr({ mode, uid, gid });
    const n = node as Node & { setData?(b: Uint8Array, share: boolean): void };
    if (n.setData) n.setData(bytes, share);
    else { node.truncate!(0); node.write!(0, bytes); }
    return node;
  }

  /** Creates a symlink (missing parents made 0o755); replaces an existing non-directory. */
  symlink(target: string, path: string, uid = 0, gid = 0): void {
    const cut = path.lastIndexOf('/');
    if (cut > 0) this.mkdirp(path.slice(0, cut));
    const p = walkParent(this.ctx, path);
    const dir = p.dir.node;
    const old = dir.lookup!(p.name, this.ctx);
    if (old) {
      if (isDir(old)) throw new SysError(EEXIST);
      dir.unlink!(p.name);
    }
    dir.symlink!(p.name, target, uid, gid);
  }

  readFile(path: string): Uint8Array {
    const n = walk(this.ctx, path, true).node;
    if (isDir(n)) throw new SysError(EISDIR);
    return n.read ? n.read(0, n.size) : new Uint8Array(0);
  }

  readText(path: string): string { return new TextDecoder().decode(this.readFile(path)); }

  exists(path: string): boolean {
    return this.vfs.tryResolve(this.ctx, path, true) !== undefined;
  }

  /** The node at path (symlinks followed). @throws ENOENT */
  node(path: string): Node { return walk(this.ctx, path, true).node; }
}
