// mount(2), umount2(2) and pivot_root(2) with Linux's rules and errors.

import { EBUSY, EINVAL, ELOOP, ENODEV, ENOTDIR, EPERM, SysError } from '../abi/errno.ts';
import {
  MNT_DETACH, MS_BIND, MS_MOVE, MS_PRIVATE, MS_RDONLY, MS_REC, MS_REMOUNT, MS_SHARED, MS_SLAVE,
} from '../abi/flags.ts';
import type { FsContext, Location, Node } from './node.ts';
import { Mount, MNT_FLAGS, type MountNamespace, type Propagation } from './mount.ts';
import { Walk, crossDown, isDir, walk } from './resolve.ts';
import type { Vfs } from './vfs.ts';

const MS_UNBINDABLE = 1 << 17;
const PROPAGATION = MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE;

function requireAdmin(ctx: FsContext): void {
  if (ctx.cred.uid !== 0) throw new SysError(EPERM);
}

/** A mount point location resolved for mount(2)'s target, in the caller's namespace. */
function target(ctx: FsContext, path: string): Walk {
  const w = walk(ctx, path, true);
  crossDown(w);
  if (w.mnt.ns !== ctx.mountNs) throw new SysError(EINVAL);
  return w;
}

/** Path of node inside its filesystem, starting from mnt's root path. */
export function rootPathOf(mnt: Mount, node: Node): string {
  let p = '';
  for (let n = node; n !== mnt.root; n = n.parent) {
    if (n.parent === n) break;
    p = '/' + n.name + p;
  }
  if (!p) return mnt.rootPath;
  return mnt.rootPath === '/' ? p : mnt.rootPath + p;
}

/** Whether (mnt, node) lies at or below loc, crossing mounts upward. */
export function isReachable(mnt: Mount, node: Node, loc: Location): boolean {
  for (let guard = 0; guard < 100000; guard++) {
    if (mnt === loc.mnt && node === loc.node) return true;
    if (node === mnt.root) {
      const p = mnt.parent;
      if (!p || p === mnt) return false;
      node = mnt.mountpoint!;
      mnt = p;
    } else if (node.parent === node) return false;
    else node = node.parent;
  }
  return false;
}

export function doMount(vfs: Vfs, ctx: FsContext, source: string, targetPath: string, fstype: string,
  flags: number, data: string): Mount | undefined {
  requireAdmin(ctx);
  const ns = ctx.mountNs;
  if (flags & MS_REMOUNT) {
    const w = target(ctx, targetPath);
    if (w.node !== w.mnt.root) throw new SysError(EINVAL);
    const m = w.mnt;
    if (flags & MS_BIND) {
      m.flags = flags & MNT_FLAGS;
    } else {
      m.sb.remount?.(flags, data);
      m.sb.flags = (m.sb.flags & ~MS_RDONLY) | (flags & MS_RDONLY);
      m.flags = flags & MNT_FLAGS;
    }
    return undefined;
  }
  if (flags & PROPAGATION) {
    const w = target(ctx, targetPath);
    if (w.node !== w.mnt.root) throw new SysError(EINVAL);
    const type: Propagation = flags & MS_SHARED ? 'shared' : flags & MS_SLAVE ? 'slave' : 'private';
    const set = (m: Mount): void => { m.propagation = type; if (flags & MS_REC) for (const c of m.children) set(c); };
    set(w.mnt);
    return undefined;
  }
  if (flags & MS_MOVE) {
    const src = walk(ctx, source, true);
    crossDown(src);
    const m = src.mnt;
    if (src.node !== m.root || m.parent === m || m.ns !== ns) throw new SysError(EINVAL);
    const dst = target(ctx, targetPath);
    if (isDir(dst.node) !== isDir(m.root)) throw new SysError(ENOTDIR);
    if (isReachable(dst.mnt, dst.node, { mnt: m, node: m.root })) throw new SysError(ELOOP);
    ns.unhook(m);
    ns.hook(m, dst.mnt, dst.node);
    return m;
  }
  if (flags & MS_BIND) {
    const src = walk(ctx, source, true);
    const dst = target(ctx, targetPath);
    if (src.mnt.ns !== ns) throw new SysError(EINVAL);
    if (isDir(src.node) !== isDir(dst.node)) throw new SysError(ENOTDIR);
    const m = cloneMount(vfs, src.mnt, src.node, src.mnt.flags);
    // the tree to copy is taken before the new mount joins it, as copy_tree
    // does: binding / below itself (-v /:/host) must not copy its own copy
    const below = flags & MS_REC ? submounts(src.mnt, src.node) : [];
    ns.attach(m, dst.mnt, dst.node);
    copySubmounts(vfs, ns, below, m);
    return m;
  }
  const type = vfs.filesystemType(fstype);
  if (!type) throw new SysError(ENODEV);
  const dst = target(ctx, targetPath);
  if (!isDir(dst.node)) throw new SysError(ENOTDIR);
  const sb = type.mount({ vfs, ctx, source, flags, data });
  if (flags & MS_RDONLY) sb.flags |= MS_RDONLY;
  sb.refs++;
  const m = new Mount(vfs.newMountId(), sb, sb.root, '/', flags & MNT_FLAGS);
  ns.attach(m, dst.mnt, dst.node);
  return m;
}

function cloneMount(vfs: Vfs, of: Mount, root: Node, flags: number): Mount {
  of.sb.refs++;
  return new Mount(vfs.newMountId(), of.sb, root, rootPathOf(of, root), flags);
}

interface Submount { mnt: Mount; below: Submount[] }

/** The mounts below (src, node), as a tree. */
function submounts(src: Mount, node: Node): Submount[] {
  const out: Submount[] = [];
  for (const c of src.children) {
    if (!isReachable(src, c.mountpoint!, { mnt: src, node })) continue;
    out.push({ mnt: c, below: submounts(c, c.root) });
  }
  return out;
}

/** MS_REC: copies the mounts that were below the source onto the new bind mount `into`. */
function copySubmounts(vfs: Vfs, ns: MountNamespace, tree: Submount[], into: Mount): void {
  for (const { mnt: c, below } of tree) {
    const copy = cloneMount(vfs, c, c.root, c.flags);
    ns.attach(copy, into, c.mountpoint!);
    copySubmounts(vfs, ns, below, copy);
  }
}

export function doUmount(_vfs: Vfs, ctx: FsContext, targetPath: string, flags: number): void {
  requireAdmin(ctx);
  const w = walk(ctx, targetPath, true);
  crossDown(w);
  const m = w.mnt;
  if (w.node !== m.root || m.ns !== ctx.mountNs) throw new SysError(EINVAL);
  if (m.parent === m) throw new SysError(EINVAL);
  if (!(flags & MNT_DETACH)) {
    if (m.children.length) throw new SysError(EBUSY);
    if (m === ctx.root.mnt || m === ctx.cwd.mnt) throw new SysError(EBUSY);
  }
  ctx.mountNs.detach(m, true);
}

export function doPivotRoot(ctx: FsContext, newRoot: string, putOld: string): { from: Location; to: Location } {
  requireAdmin(ctx);
  const ns = ctx.mountNs;
  const nw = walk(ctx, newRoot, true);
  if (!isDir(nw.node)) throw new SysError(ENOTDIR);
  const ow = walk(ctx, putOld, true);
  if (!isDir(ow.node)) throw new SysError(ENOTDIR);
  const newMnt = nw.mnt, oldMnt = ow.mnt;
  const root = ctx.root;
  const rootMnt = root.mnt;
  const rootParent = rootMnt.parent;
  if (oldMnt.propagation === 'shared' || newMnt.parent?.propagation === 'shared'
    || rootParent?.propagation === 'shared') throw new SysError(EINVAL);
  if (rootMnt.ns !== ns || newMnt.ns !== ns) throw new SysError(EINVAL);
  if (newMnt === rootMnt || oldMnt === rootMnt) throw new SysError(EBUSY);
  if (root.node !== rootMnt.root || !rootParent || rootParent === rootMnt) throw new SysError(EINVAL);
  if (nw.node !== newMnt.root || !newMnt.parent || newMnt.parent === newMnt) throw new SysError(EINVAL);
  const to: Location = { mnt: newMnt, node: nw.node };
  if (!isReachable(oldMnt, ow.node, to)) throw new SysError(EINVAL);
  if (!isReachable(newMnt, nw.node, root)) throw new SysError(EINVAL);
  const rootMp = rootMnt.mountpoint!;
  const oldNode = ow.node;
  ns.unhook(newMnt);
  ns.unhook(rootMnt);
  ns.hook(rootMnt, oldMnt, oldNode);
  ns.hook(newMnt, rootParent, rootMp);
  return { from: root, to };
}
