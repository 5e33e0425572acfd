// COPY and ADD into a build container's root filesystem: directory contents
// versus the directory, trailing-slash rules, wildcards, --chown/--chmod,
// local tar archives unpacked by ADD. Files are written through system calls
// into the mounted rootfs, so the step's change set lands in its upperdir.

import { O_CREAT, O_TRUNC, O_WRONLY, type Sys } from '@dockersim/kernel';
import { readTar, type TarEntry } from '@dockersim/image';
import { gunzip } from '@dockersim/userland';

/** One source: its entries relative to itself ("" is the source itself). */
export interface CopySource { name: string; isDir: boolean; entries: TarEntry[] }

export interface CopyOptions { uid?: number; gid?: number; mode?: number; unpackArchives: boolean }

export class CopyError extends Error {}

function ensureDir(sys: Sys, root: string, abs: string, owner?: { uid: number; gid: number }): void {
  const parts = abs.split('/').filter(Boolean);
  let p = '';
  for (const part of parts) {
    p += '/' + part;
    try { sys.lstat(root + p); } catch {
      sys.mkdir(root + p, 0o755);
      if (owner) sys.lchown(root + p, owner.uid, owner.gid);
    }
  }
}

function isDirIn(sys: Sys, root: string, abs: string): boolean {
  try { return (sys.stat(root + abs).mode & 0o170000) === 0o040000; } catch { return false; }
}

async function writeEntry(sys: Sys, root: string, abs: string, e: TarEntry, o: CopyOptions): Promise<void> {
  const p = root + abs;
  const uid = o.uid ?? e.uid;
  const gid = o.gid ?? e.gid;
  switch (e.type) {
    case 'dir':
      try { sys.mkdir(p, o.mode ?? e.mode); } catch { /* exists */ }
      sys.chmod(p, o.mode ?? e.mode);
      break;
    case 'file': {
      try { if ((sys.lstat(p).mode & 0o170000) === 0o120000) sys.unlink(p); } catch { /* absent */ }
      const fd = sys.open(p, O_WRONLY | O_CREAT | O_TRUNC, 0o644);
      try { if (e.data.length) await sys.write(fd, e.data); if (e.size > e.data.length) sys.ftruncate(fd, e.size); } finally { sys.close(fd); }
      sys.chmod(p, o.mode ?? e.mode);
      break;
    }
    case 'symlink':
      try { sys.unlink(p); } catch { /* absent */ }
      sys.symlink(e.linkname, p);
      break;
    default: return;
  }
  sys.lchown(p, uid, gid);
  if (e.mtime) try { sys.utimes(p, e.mtime * 1000, e.mtime * 1000); } catch { /* symlink */ }
}

function isTar(data: Uint8Array): boolean {
  if (data.length < 512) return false;
  const magic = new TextDecoder().decode(data.subarray(257, 262));
  return magic === 'ustar';
}

/** The tar inside a file ADD unpacks (plain or gzip-compressed, as ADD's archive detection does), or undefined. */
function tarOf(e: TarEntry): Uint8Array | undefined {
  if (e.type !== 'file') return undefined;
  let data = e.data;
  if (data.length > 2 && data[0] === 0x1f && data[1] === 0x8b) {
    try { data = gunzip(data); } catch { return undefined; }
  }
  return isTar(data) ? data : undefined;
}

/**
 * Copies sources to dest (absolute, inside root). destDir: dest names a
 * directory (trailing slash, several sources, or an existing directory).
 */
export async function copyInto(sys: Sys, root: string, sources: CopySource[], dest: string, o: CopyOptions): Promise<void> {
  const destIsDir = dest.endsWith('/') || sources.length > 1 || isDirIn(sys, root, dest);
  const destAbs = '/' + dest.split('/').filter(Boolean).join('/');
  const owner = o.uid !== undefined ? { uid: o.uid, gid: o.gid ?? o.uid } : undefined;
  for (const src of sources) {
    if (src.isDir) {
      ensureDir(sys, root, destAbs, owner);
      for (const e of src.entries) {
        const target = `${destAbs === '/' ? '' : destAbs}/${e.path}`;
        ensureDir(sys, root, target.slice(0, target.lastIndexOf('/')) || '/');
        await writeEntry(sys, root, target, e, o);
      }
      continue;
    }
    const e = src.entries[0];
    const tar = o.unpackArchives ? tarOf(e) : undefined;
    if (tar) {
      ensureDir(sys, root, destAbs, owner);
      for (const x of readTar(tar)) {
        const target = `${destAbs === '/' ? '' : destAbs}/${x.path}`;
        ensureDir(sys, root, target.slice(0, target.lastIndexOf('/')) || '/');
        await writeEntry(sys, root, target, x, { unpackArchives: false });
      }
      continue;
    }
    const target = destIsDir ? `${destAbs === '/' ? '' : destAbs}/${src.name}` : destAbs;
    const parent = target.slice(0, target.lastIndexOf('/')) || '/';
    ensureDir(sys, root, parent, destIsDir ? owner : undefined);
    await writeEntry(sys, root, target, e, o);
  }
}
