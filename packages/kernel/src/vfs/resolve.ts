// Path resolution (Linux's link_path_walk): component by component, with
// search permission on every directory, "." and "..", symlinks (at most 40
// per resolution), mounts crossed downward at mountpoints and upward at a
// mount's root, and the process root (chroot) as a barrier for "..".

import { ELOOP, ENAMETOOLONG, ENOENT, ENOTDIR, SysError } from '../abi/errno.ts';
import { S_IFDIR, S_IFLNK, S_IFMT, X_OK } from '../abi/flags.ts';
import type { Mount } from './mount.ts';
import type { FsContext, Location, Node } from './node.ts';
import { checkPermission } from './permission.ts';

export const MAXSYMLINKS = 40;
const PATH_MAX = 4096;
const NAME_MAX = 255;

export function isDir(n: Node): boolean { return (n.mode & S_IFMT) === S_IFDIR; }
export function isLink(n: Node): boolean { return (n.mode & S_IFMT) === S_IFLNK; }

/** Mutable cursor of a walk; reused across components to avoid allocations. */
export class Walk {
  mnt!: Mount;
  node!: Node;
  links = 0;
  set(mnt: Mount, node: Node): this { this.mnt = mnt; this.node = node; return this; }
  loc(): Location { return { mnt: this.mnt, node: this.node }; }
}

/** Moves w down through mounts stacked on its node. */
export function crossDown(w: Walk): void {
  for (;;) {
    const c = w.mnt.childAt(w.node);
    if (!c) return;
    w.mnt = c;
    w.node = c.root;
  }
}

/** ".." from w, stopping at the process root and the namespace root. */
export function dotdot(ctx: FsContext, w: Walk): void {
  for (;;) {
    if (w.mnt === ctx.root.mnt && w.node === ctx.root.node) return;
    if (w.node !== w.mnt.root) break;
    const p = w.mnt.parent;
    if (!p || p === w.mnt) return;
    w.node = w.mnt.mountpoint!;
    w.mnt = p;
  }
  w.node = w.node.parent;
  crossDown(w);
}

/**
 * Looks up one name in w's directory (which the caller checked for search
 * permission) and moves w to it, crossing mounts. Symlinks are not followed.
 * @throws ENOENT, ENOTDIR, ENAMETOOLONG
 */
export function stepInto(ctx: FsContext, w: Walk, name: string): boolean {
  const dir = w.node;
  if (!isDir(dir)) throw new SysError(ENOTDIR);
  if (name.length > NAME_MAX) throw new SysError(ENAMETOOLONG);
  const child = dir.lookup?.(name, ctx);
  if (!child) return false;
  w.node = child;
  if (child.mounted) crossDown(w);
  return true;
}

/**
 * Walks path from ctx (root or cwd) into w. followLast: follow a final
 * symlink. A trailing slash always follows and requires a directory.
 * @throws ENOENT, ENOTDIR, EACCES, ELOOP, ENAMETOOLONG
 */
export function walk(ctx: FsContext, path: string, followLast: boolean, w: Walk = new Walk()): Walk {
  if (path.length === 0) throw new SysError(ENOENT);
  if (path.length >= PATH_MAX) throw new SysError(ENAMETOOLONG);
  const start = path.charCodeAt(0) === 47 ? ctx.root : ctx.cwd;
  w.set(start.mnt, start.node);
  walkFrom(ctx, path, followLast, w);
  return w;
}

function walkFrom(ctx: FsContext, path: string, followLast: boolean, w: Walk): void {
  const len = path.length;
  let i = 0;
  for (;;) {
    while (i < len && path.charCodeAt(i) === 47) i++;
    if (i >= len) break;
    let j = path.indexOf('/', i);
    if (j < 0) j = len;
    const dir = w.node;
    if (!isDir(dir)) throw new SysError(ENOTDIR);
    checkPermission(ctx.cred, dir, X_OK);
    const c0 = path.charCodeAt(i);
    if (c0 === 46 && j - i <= 2 && (j - i === 1 || path.charCodeAt(i + 1) === 46)) {
      if (j - i === 2) dotdot(ctx, w);
      i = j;
      continue;
    }
    const dirMnt = w.mnt;
    if (!stepInto(ctx, w, path.slice(i, j))) throw new SysError(ENOENT);
    if (isLink(w.node) && (j < len || followLast)) {
      if (++w.links > MAXSYMLINKS) throw new SysError(ELOOP);
      const target = w.node.readlink!(ctx);
      if (target.length === 0) throw new SysError(ENOENT);
      if (target.charCodeAt(0) === 47) w.set(ctx.root.mnt, ctx.root.node);
      else w.set(dirMnt, dir);
      walkFrom(ctx, target, true, w);
    }
    i = j;
  }
  if (len > 0 && path.charCodeAt(len - 1) === 47 && !isDir(w.node)) throw new SysError(ENOTDIR);
}

/** How a path ends, for calls that act on the last component. */
export const LAST_NORM = 0, LAST_ROOT = 1, LAST_DOT = 2, LAST_DOTDOT = 3;

export interface ParentWalk {
  /** The directory holding the last component (searched: X permission checked). */
  dir: Walk;
  /** The last component ("" for LAST_ROOT). */
  name: string;
  kind: number;
  /** The path ended in "/". */
  slash: boolean;
}

/**
 * Resolves everything but the last component (Linux's filename_parentat).
 * @throws ENOENT, ENOTDIR, EACCES, ELOOP, ENAMETOOLONG
 */
export function walkParent(ctx: FsContext, path: string): ParentWalk {
  if (path.length === 0) throw new SysError(ENOENT);
  if (path.length >= PATH_MAX) throw new SysError(ENAMETOOLONG);
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47) end--;
  const slash = end < path.length;
  const w = new Walk();
  if (end === 0) {
    w.set(ctx.root.mnt, ctx.root.node);
    return { dir: w, name: '', kind: LAST_ROOT, slash };
  }
  const cut = path.lastIndexOf('/', end - 1);
  const name = path.slice(cut + 1, end);
  if (cut < 0) w.set(ctx.cwd.mnt, ctx.cwd.node);
  else walk(ctx, path.slice(0, cut + 1), true, w);
  if (!isDir(w.node)) throw new SysError(ENOTDIR);
  if (name.length > NAME_MAX) throw new SysError(ENAMETOOLONG);
  checkPermission(ctx.cred, w.node, X_OK);
  const kind = name === '.' ? LAST_DOT : name === '..' ? LAST_DOTDOT : LAST_NORM;
  return { dir: w, name, kind, slash };
}
