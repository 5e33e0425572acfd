// Permission checks (Linux's generic_permission): owner, group or other bits,
// exclusively in that order; uid 0 bypasses read and write, and may execute a
// non-directory only when some x bit is set. Plus the sticky-directory rule.

import { EACCES, EPERM, EROFS, SysError } from '../abi/errno.ts';
import { S_IFDIR, S_IFMT, S_ISVTX, X_OK } from '../abi/flags.ts';
import type { Cred, Node } from './node.ts';
import type { Mount } from './mount.ts';

export function inGroup(cred: Cred, gid: number): boolean {
  if (cred.gid === gid) return true;
  const g = cred.groups;
  for (let i = 0; i < g.length; i++) if (g[i] === gid) return true;
  return false;
}

/** Whether cred may access node with mask (R_OK|W_OK|X_OK bits). */
export function permitted(cred: Cred, node: Node, mask: number): boolean {
  const mode = node.mode;
  if (cred.uid === 0) {
    if ((mask & X_OK) && (mode & S_IFMT) !== S_IFDIR && (mode & 0o111) === 0) return false;
    return true;
  }
  let bits: number;
  if (cred.uid === node.uid) bits = mode >> 6;
  else if (inGroup(cred, node.gid)) bits = mode >> 3;
  else bits = mode;
  return (bits & mask & 7) === mask;
}

/** @throws EACCES */
export function checkPermission(cred: Cred, node: Node, mask: number): void {
  if (!permitted(cred, node, mask)) throw new SysError(EACCES);
}

/** @throws EROFS when the mount or its filesystem is read-only. */
export function checkWritableMount(mnt: Mount): void {
  if (mnt.readOnly) throw new SysError(EROFS);
}

/**
 * Sticky directories (/tmp): only the file's owner, the directory's owner or
 * root may remove or rename an entry. @throws EPERM
 */
export function checkSticky(cred: Cred, dir: Node, victim: Node): void {
  if (!(dir.mode & S_ISVTX) || cred.uid === 0) return;
  if (cred.uid === victim.uid || cred.uid === dir.uid) return;
  throw new SysError(EPERM);
}

/** Owner or root: chmod, utimes with explicit times. @throws EPERM */
export function checkOwner(cred: Cred, node: Node): void {
  if (cred.uid !== 0 && cred.uid !== node.uid) throw new SysError(EPERM);
}
